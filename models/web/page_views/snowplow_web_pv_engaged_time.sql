{{ config tags: ["snowplow_web_incremental"] materialized: "table" schema: "scratch" run_scoped: true }}
{{~ heartbeat = var "snowplow__heartbeat" ~}}
-- Engaged time per page view (within its session): one heartbeat per distinct ping bucket after the first,
-- plus the minimum visit length.
select
    page_view_id,
    domain_sessionid,
    max(derived_tstamp) as end_tstamp,
    cast({{ heartbeat }} * (count(distinct floor({{ epoch_seconds "dvce_created_tstamp" }} / {{ heartbeat }})) - 1) + {{ var "snowplow__min_visit_length" }} as bigint) as engaged_time_in_s
from {{ ref "snowplow_web_base_events_this_run" }}
where event_name = 'page_ping'
    and page_view_id is not null
group by page_view_id, domain_sessionid
