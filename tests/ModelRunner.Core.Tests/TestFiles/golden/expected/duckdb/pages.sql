with __mr_cte__stg_events as (
select event_id, domain_sessionid as session_id, collector_tstamp, page_urlpath
from "atomic"."events"
where event_name = 'page_view'
),
pages as (
  select page_urlpath, count(*) as views from __mr_cte__stg_events group by 1
)
select * from pages -- built at 2024-05-01 12:00:00.000000 for dev
