with __mr_cte__snowplow_mobile_screen_views_this_run as (
-- Ephemeral: its one reader, snowplow_mobile_screen_views, inlines it, so its rows are written once (README, "Run-scoped tables").
-- The screen views of this run: one row per screen_view_id, the copy snowplow_mobile_base_screen_view_indexes_this_run
-- keeps (decided on narrow columns: a window carrying every column of the screen views sorted all of them), with its
-- index in its session, and the copy's wide row joined back (see snowplow_mobile_indexed_screen_views).
with indexed as (
select
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.id as string) as screen_view_id,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.name as string) as screen_view_name,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.previous_id as string) as screen_view_previous_id,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.previous_name as string) as screen_view_previous_name,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.previous_type as string) as screen_view_previous_type,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.transition_type as string) as screen_view_transition_type,
    cast(e.unstruct_event_com_snowplowanalytics_mobile_screen_view_1.type as string) as screen_view_type,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].id as string) as screen_id,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].name as string) as screen_name,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].activity as string) as screen_activity,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].fragment as string) as screen_fragment,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].top_view_controller as string) as screen_top_view_controller,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].type as string) as screen_type,
    cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].view_controller as string) as screen_view_controller,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].device_manufacturer as string) as device_manufacturer,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].device_model as string) as device_model,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].os_type as string) as os_type,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].os_version as string) as os_version,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].android_idfa as string) as android_idfa,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].apple_idfa as string) as apple_idfa,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].apple_idfv as string) as apple_idfv,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].carrier as string) as carrier,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].open_idfa as string) as open_idfa,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].network_technology as string) as network_technology,
    cast(e.contexts_com_snowplowanalytics_snowplow_mobile_context_1[1].network_type as string) as network_type,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].latitude as double) as device_latitude,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].longitude as double) as device_longitude,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].latitude_longitude_accuracy as double) as device_latitude_longitude_accuracy,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].altitude as double) as device_altitude,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].altitude_accuracy as double) as device_altitude_accuracy,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].bearing as double) as device_bearing,
    cast(e.contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].speed as double) as device_speed,
    cast(e.contexts_com_snowplowanalytics_mobile_application_1[1].build as string) as build,
    cast(e.contexts_com_snowplowanalytics_mobile_application_1[1].version as string) as version,
    k.session_id as session_id,
    cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_index as int) as session_index,
    cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].previous_session_id as string) as previous_session_id,
    cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].user_id as string) as device_user_id,
    cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].first_event_id as string) as session_first_event_id,
    e.* replace (k.event_id as event_id),
    k.screen_view_in_session_index,
    k.screen_views_in_session
from "atomic"."events" as e
inner join "modelrunner_run"."main_scratch"."snowplow_mobile_base_screen_view_indexes_this_run" as k on e.rowid = k.event_row and e.collector_tstamp = k.collector_tstamp
-- the package's filters again where the rows are written once (see snowplow_events_this_run_filters)
where true

)

select
    screen_view_id,
    event_id,
    app_id,
    user_id,
    device_user_id,
    network_userid,
    session_id,
    session_index,
    previous_session_id,
    session_first_event_id,
    screen_view_in_session_index,
    screen_views_in_session,
    dvce_created_tstamp,
    collector_tstamp,
    derived_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    screen_view_name,
    screen_view_transition_type,
    screen_view_type,
    screen_fragment,
    screen_top_view_controller,
    screen_view_controller,
    screen_view_previous_id,
    screen_view_previous_name,
    screen_view_previous_type,
    platform,
    dvce_screenwidth,
    dvce_screenheight,
    device_manufacturer,
    device_model,
    os_type,
    os_version,
    android_idfa,
    apple_idfa,
    apple_idfv,
    open_idfa,
    device_latitude,
    device_longitude,
    device_latitude_longitude_accuracy,
    device_altitude,
    device_altitude_accuracy,
    device_bearing,
    device_speed,
    geo_country,
    geo_region,
    geo_city,
    geo_zipcode,
    geo_latitude,
    geo_longitude,
    geo_region_name,
    geo_timezone,
    user_ipaddress,
    useragent,
    carrier,
    network_technology,
    network_type,
    build,
    version
from indexed
)
-- Screen views, upserted from this run's (only when the run has events this table has not processed).
select *
from __mr_cte__snowplow_mobile_screen_views_this_run

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_screen_views') is null or (select upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_screen_views'))
