{{ config materialized: "table" schema: "scratch" post_hook: "{{ snowplow_web_quarantine_sessions }}" }}
-- The sessions this run processes (the quarantine post-hook writes to {{ ref "snowplow_web_base_quarantined_sessions" }}):
-- those overlapping the window that started at most max_session_days before it; their end capped at the upper limit.
with limits as (
    select lower_limit, upper_limit from {{ ref "snowplow_web_base_new_event_limits" }}
)

select
    s.session_id,
    s.domain_userid,
    s.start_tstamp,
    case when s.end_tstamp > limits.upper_limit then limits.upper_limit else s.end_tstamp end as end_tstamp
from {{ ref "snowplow_web_base_sessions_lifecycle_manifest" }} as s
cross join limits
where s.start_tstamp >= {{ add_days "limits.lower_limit" (-(var "snowplow__max_session_days")) }}
    and s.start_tstamp <= limits.upper_limit
    and s.end_tstamp >= limits.lower_limit
