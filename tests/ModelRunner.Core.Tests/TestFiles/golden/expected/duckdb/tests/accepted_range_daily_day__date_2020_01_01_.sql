select *
from (select * from "analytics"."daily" where page_views > 0) dbt_subquery
where not (day >= date '2020-01-01')
