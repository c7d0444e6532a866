-- A singular test: it returns the failing rows. The incremental orders_daily must add up to the orders it was built from.
select built.revenue, expected.revenue as expected_revenue
from (select sum(revenue) as revenue from {{ ref "orders_daily" }}) as built,
     (select sum(amount) as revenue from {{ ref "stg_orders" }}) as expected
where abs(built.revenue - expected.revenue) > 0.005
