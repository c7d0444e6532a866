with __mr_cte__stg_events as (
select event_id, domain_sessionid as session_id, collector_tstamp, page_urlpath
from "atomic"."events"
where event_name = 'page_view'
)
select session_id, min(collector_tstamp) as started_at, count(*) as page_views
from __mr_cte__stg_events

group by session_id
