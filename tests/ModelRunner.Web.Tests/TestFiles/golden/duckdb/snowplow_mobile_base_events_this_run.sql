-- The events of the run (the rows snowplow_mobile_base_event_rows_this_run lists): the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session (on
-- DuckDB its row of atomic.events too: see snowplow_kept_by_row).
-- A view on DuckDB, a table elsewhere (see the materialization macro).
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
    k.event_index_in_session,
    k.event_row
from "atomic"."events" as e
inner join "main_scratch"."snowplow_mobile_base_event_rows_this_run" as k on e.rowid = k.event_row and e.collector_tstamp = k.collector_tstamp
-- the package's filters again where the rows are written once (see snowplow_events_this_run_filters)
where true
