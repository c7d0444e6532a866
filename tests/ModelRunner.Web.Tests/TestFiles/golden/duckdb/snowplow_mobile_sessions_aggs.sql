-- Per session of the run: the last event's fields, start and end (derived_tstamp), the duration in whole seconds
-- crossed, whether the app was installed, and (with the app-errors module) its errors, NULL for none.
-- The last event is the one with the greatest event_index_in_session (a row number: unique in the session), its fields
-- read by an aggregate (1M mobile events: 0.55-1.1 s -> 0.3 s; a window of the greatest index sorted every event of
-- the run with the columns read here).
select
    session_id,
    arg_max_null(build, event_index_in_session) as last_build,
    arg_max_null(version, event_index_in_session) as last_version,
    arg_max_null(event_name, event_index_in_session) as last_event_name,
    arg_max_null(event_id, event_index_in_session) as session_last_event_id,
    min(derived_tstamp) as start_tstamp,
    max(derived_tstamp) as end_tstamp,
    cast(floor(epoch(max(derived_tstamp))) - floor(epoch(min(derived_tstamp))) as bigint) as session_duration_s,
    coalesce(bool_or(event_name = 'application_install'), false) as has_install,

    cast(nullif(count(distinct case when event_name = 'application_error' then event_id end), 0) as int) as app_errors,
    cast(nullif(count(distinct case when event_name = 'application_error'
        and unstruct_event_com_snowplowanalytics_snowplow_application_error_1.is_fatal then event_id end), 0) as int) as fatal_app_errors

from "main_scratch"."snowplow_mobile_base_events_this_run"
group by session_id
