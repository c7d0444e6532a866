with __mr_cte__snowplow_mobile_sessions_this_run as (
-- Ephemeral: its one reader, snowplow_mobile_sessions, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per session of the run: identity and device fields from its first event (f), the aggregates (a) and
-- the screen-view details (v, NULL without screen views).
select
    f.app_id,
    f.session_id,
    f.session_index,
    f.previous_session_id,
    f.session_first_event_id,
    a.session_last_event_id,
    a.start_tstamp,
    a.end_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    f.user_id,
    f.device_user_id,
    f.network_userid,
    cast(f.device_user_id as string) as stitched_user_id,
    a.session_duration_s,
    a.has_install,
    v.screen_views,
    v.screen_names_viewed,
    cast(a.app_errors as int) as app_errors,
    cast(a.fatal_app_errors as int) as fatal_app_errors,
    f.event_name as first_event_name,
    a.last_event_name,
    v.first_screen_view_name,
    v.first_screen_view_transition_type,
    v.first_screen_view_type,
    v.last_screen_view_name,
    v.last_screen_view_transition_type,
    v.last_screen_view_type,
    f.platform,
    f.dvce_screenwidth,
    f.dvce_screenheight,
    f.device_manufacturer,
    f.device_model,
    f.os_type,
    f.os_version,
    f.android_idfa,
    f.apple_idfa,
    f.apple_idfv,
    f.open_idfa,
    f.device_latitude,
    f.device_longitude,
    f.device_latitude_longitude_accuracy,
    f.device_altitude,
    f.device_altitude_accuracy,
    f.device_bearing,
    f.device_speed,
    f.geo_country,
    f.geo_region,
    f.geo_city,
    f.geo_zipcode,
    f.geo_latitude,
    f.geo_longitude,
    f.geo_region_name,
    f.geo_timezone,
    f.user_ipaddress,
    f.useragent,
    f.name_tracker,
    f.v_tracker,
    f.carrier,
    f.network_technology,
    f.network_type,
    f.build as first_build,
    a.last_build,
    f.version as first_version,
    a.last_version
from "main_scratch"."snowplow_mobile_base_events_this_run" as f
inner join "modelrunner_run"."main_scratch"."snowplow_mobile_sessions_aggs" as a on f.session_id = a.session_id
left join "modelrunner_run"."main_scratch"."snowplow_mobile_sessions_sv_details" as v on f.session_id = v.session_id
where f.event_index_in_session = 1
)
-- Sessions, upserted from this run's; the post-hook stitches every session to the latest user_id of its
-- device_user_id in "main_derived"."snowplow_mobile_user_mapping".
select *
from __mr_cte__snowplow_mobile_sessions_this_run
