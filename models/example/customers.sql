select customer_id, count(*) as orders, sum(amount) as lifetime_value, min(order_date) as first_order_date
from {{ ref "stg_orders" }}
group by customer_id
