with __mr_cte__snowplow_mobile_users_this_run as (
-- Ephemeral: its one reader, snowplow_mobile_users, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per device touched this run: identity and first-session fields from its first session (f), totals from
-- the aggregates (a), last_* from its last session (l).
select
    f.user_id,
    a.device_user_id,
    f.network_userid,
    a.start_tstamp,
    a.end_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    a.screen_views,
    a.screen_names_viewed,
    a.sessions,
    a.sessions_duration_s,
    a.active_days,
    a.app_errors,
    a.fatal_app_errors,
    f.first_screen_view_name,
    f.first_screen_view_transition_type,
    f.first_screen_view_type,
    l.last_screen_view_name,
    l.last_screen_view_transition_type,
    l.last_screen_view_type,
    f.platform,
    f.dvce_screenwidth,
    f.dvce_screenheight,
    f.device_manufacturer,
    f.device_model,
    f.os_type,
    f.os_version as first_os_version,
    l.last_os_version,
    f.android_idfa,
    f.apple_idfa,
    f.apple_idfv,
    f.open_idfa,
    f.geo_country,
    f.geo_region,
    f.geo_city,
    f.geo_zipcode,
    f.geo_latitude,
    f.geo_longitude,
    f.geo_region_name,
    f.geo_timezone,
    f.carrier as first_carrier,
    l.last_carrier
from "modelrunner_run"."main_scratch"."snowplow_mobile_users_aggs" as a
inner join "modelrunner_run"."main_scratch"."snowplow_mobile_users_sessions_this_run" as f on a.first_session_id = f.session_id
inner join "modelrunner_run"."main_scratch"."snowplow_mobile_users_lasts" as l on a.device_user_id = l.device_user_id
)
-- Users (devices), upserted from the devices this run touched (only when the run has events this table has not
-- processed); matched on start_tstamp without lookback.
select *
from __mr_cte__snowplow_mobile_users_this_run

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_users') is null or (select upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_users'))
