{{ config materialized: "table" }}
-- Synthetic orders, so the example runs with no data loaded.
select
    i as order_id,
    1 + (i % 17) as customer_id,
    cast({{ add_days "date '2024-01-01'" "(i % " + (var "example_days") + ")" }} as date) as order_date,
    (i * 7919) % 10000 as amount_cents
from range(1, 1001) as t(i)
