-- Engaged time per page view (within its session): one heartbeat per distinct ping bucket after the first,
-- plus the minimum visit length.
select
    page_view_id,
    domain_sessionid,
    max(derived_tstamp) as end_tstamp,
    cast(10 * (count(distinct floor(epoch(dvce_created_tstamp) / 10)) - 1) + 5 as bigint) as engaged_time_in_s
from "main_scratch"."snowplow_web_base_events_this_run"
where event_name = 'page_ping'
    and page_view_id is not null
group by page_view_id, domain_sessionid
