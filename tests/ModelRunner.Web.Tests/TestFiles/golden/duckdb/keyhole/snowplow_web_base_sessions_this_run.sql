-- The sessions this run processes (the quarantine post-hook writes to "main_snowplow_manifest"."snowplow_web_base_quarantined_sessions"):
-- those overlapping the window that started at most max_session_days before it; their end capped at the upper limit.
with limits as (
    select lower_limit, upper_limit from "main_scratch"."snowplow_web_base_new_event_limits"
)

select
    s.session_id,
    s.domain_userid,
    s.start_tstamp,
    s.end_tstamp as end_tstamp
from "main_snowplow_manifest"."snowplow_web_base_sessions_lifecycle_manifest" as s
cross join limits
where s.start_tstamp >= (limits.lower_limit + interval (-3) day)
    and s.start_tstamp <= limits.upper_limit
    and s.end_tstamp >= limits.lower_limit
