-- The last_* fields of each device's last session.
select
    a.device_user_id,
    s.last_screen_view_name,
    s.last_screen_view_transition_type,
    s.last_screen_view_type,
    s.carrier as last_carrier,
    s.os_version as last_os_version
from "modelrunner_run"."main_scratch"."snowplow_mobile_users_aggs" as a
inner join "modelrunner_run"."main_scratch"."snowplow_mobile_users_sessions_this_run" as s on a.last_session_id = s.session_id
