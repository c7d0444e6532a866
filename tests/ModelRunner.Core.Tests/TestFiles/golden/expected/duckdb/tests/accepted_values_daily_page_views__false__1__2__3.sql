select page_views as value_field, count(*) as n_records
from "analytics"."daily"
where page_views is not null and page_views not in (1, 2, 3)
group by page_views
