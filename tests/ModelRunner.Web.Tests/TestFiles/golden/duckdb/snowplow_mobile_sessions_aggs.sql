-- Per session of the run: the last event's fields, start and end (derived_tstamp), the duration in whole seconds
-- crossed, whether the app was installed, and (with the app-errors module) its errors, NULL for none.
with events as (
    select
        *,
        max(event_index_in_session) over (partition by session_id) as last_index
    from "main_scratch"."snowplow_mobile_base_events_this_run"
)

select
    session_id,
    max(case when event_index_in_session = last_index then build end) as last_build,
    max(case when event_index_in_session = last_index then version end) as last_version,
    max(case when event_index_in_session = last_index then event_name end) as last_event_name,
    max(case when event_index_in_session = last_index then event_id end) as session_last_event_id,
    min(derived_tstamp) as start_tstamp,
    max(derived_tstamp) as end_tstamp,
    cast(floor(epoch(max(derived_tstamp))) - floor(epoch(min(derived_tstamp))) as bigint) as session_duration_s,
    coalesce(bool_or(event_name = 'application_install'), false) as has_install,

    cast(nullif(count(distinct case when event_name = 'application_error' then event_id end), 0) as int) as app_errors,
    cast(nullif(count(distinct case when event_name = 'application_error'
        and unstruct_event_com_snowplowanalytics_snowplow_application_error_1.is_fatal then event_id end), 0) as int) as fatal_app_errors

from events
group by session_id
