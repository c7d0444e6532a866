-- The sessions this run processes: those overlapping the window that started at most max_session_days before it;
-- their end capped at the upper limit.
with limits as (
    select lower_limit, upper_limit from `main`.`analytics_scratch`.`snowplow_mobile_base_new_event_limits`
)

select
    s.session_id,
    s.device_user_id,
    s.start_tstamp,
    s.end_tstamp as end_tstamp
from `main`.`analytics_snowplow_manifest`.`snowplow_mobile_base_sessions_lifecycle_manifest` as s
cross join limits
where s.start_tstamp >= timestampadd(DAY, -3, limits.lower_limit)
    and s.start_tstamp <= limits.upper_limit
    and s.end_tstamp >= limits.lower_limit
