with __mr_cte__snowplow_mobile_screen_views_this_run as (
-- Ephemeral: its one reader, snowplow_mobile_screen_views, inlines it, so its rows are written once (README, "Run-scoped tables").
-- The screen views of this run: one row per screen_view_id, the copy snowplow_mobile_base_screen_view_indexes_this_run
-- keeps (decided on narrow columns: a window carrying every column of the screen views sorted all of them), with its
-- index in its session, and the copy's wide row joined back (see snowplow_mobile_indexed_screen_views).
with indexed as (
    select
        e.*,
        i.screen_view_in_session_index,
        i.screen_views_in_session
    from `main`.`analytics_scratch`.`snowplow_mobile_base_screen_view_indexes_this_run` as i
    inner join `main`.`analytics_scratch`.`snowplow_mobile_base_events_this_run` as e on e.event_id = i.event_id
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
    current_timestamp() as model_tstamp,
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
