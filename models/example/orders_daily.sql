{{ config materialized: "incremental" unique_key: "order_date" }}
select order_date, count(*) as orders, sum(amount) as revenue
from {{ ref "stg_orders" }}
{{~ if is_incremental }}
where order_date >= (select max(order_date) from {{ this }})
{{~ end }}
group by order_date
