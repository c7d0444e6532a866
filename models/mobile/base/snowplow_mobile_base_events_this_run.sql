{{ config materialized: "table" schema: "scratch" }}
-- The events of the sessions this run processes, within their first max_session_days, not late, on the package's
-- platforms, de-duplicated on event_id (earliest collector_tstamp, then etl_tstamp); the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session.
{{ snowplow_events_this_run_ctes (ref "snowplow_mobile_base_sessions_this_run") (snowplow_mobile_session_id "e") ["s.session_id", "e.derived_tstamp", "e.event_id"] }},

-- Each kept event's index in its session, numbered on the narrow columns (a window over the wide rows would sort
-- every column of them).
indexed as (
    select
        event_row,
        row_number() over (partition by session_id order by derived_tstamp, event_id) as event_index_in_session
    from kept
)
select
    {{ snowplow_mobile_screen_view_columns }},
    {{ snowplow_mobile_screen_columns }},
    {{ snowplow_mobile_device_columns }},
    {{ snowplow_mobile_geolocation_columns }},
    {{ snowplow_mobile_application_columns }},
    {{ snowplow_mobile_session_columns }},
    e.*,
    k.event_index_in_session
from {{ source "atomic" "events" }} as e
inner join indexed as k on {{ snowplow_event_row "e" }} = k.event_row
cross join bounds
-- the same bounds and filters again, so the scan reads the wide rows of the package's events of the run only (web
-- events share the table and the days)
where e.collector_tstamp between bounds.lower_bound and bounds.upper_bound{{ snowplow_load_partition_filter "e" "bounds.lower_bound" }}
    {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}
