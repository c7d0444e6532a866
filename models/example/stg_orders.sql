{{ config materialized: "ephemeral" }}
select order_id, customer_id, order_date, {{ cents_to_amount "amount_cents" }} as amount
from {{ ref "example_orders" }}
