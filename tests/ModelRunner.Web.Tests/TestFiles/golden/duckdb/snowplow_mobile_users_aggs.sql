-- Per device: first and last session (the greater id on ties), and totals over all its sessions (screen names
-- viewed add up per session, as Snowplow's do).
select
    device_user_id,
    max(user_start_tstamp) as start_tstamp,
    max(user_end_tstamp) as end_tstamp,
    max(case when start_tstamp = user_start_tstamp then session_id end) as first_session_id,
    max(case when end_tstamp = user_end_tstamp then session_id end) as last_session_id,
    sum(screen_views) as screen_views,
    sum(screen_names_viewed) as screen_names_viewed,
    count(distinct session_id) as sessions,
    sum(session_duration_s) as sessions_duration_s,
    count(distinct date_trunc('day', start_tstamp)) as active_days,
    sum(app_errors) as app_errors,
    sum(fatal_app_errors) as fatal_app_errors
from "modelrunner_run"."main_scratch"."snowplow_mobile_users_sessions_this_run"
group by device_user_id
