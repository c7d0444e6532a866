{{ config materialized: "table" schema: "scratch" }}
-- The events of the sessions this run processes, within their first max_session_days, not late, on the package's
-- platforms, de-duplicated on event_id (earliest collector_tstamp, then etl_tstamp); the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session.
{{ snowplow_events_this_run_ctes (ref "snowplow_mobile_base_sessions_this_run") (snowplow_mobile_session_id "e") [] }}
select
    {{ snowplow_mobile_screen_view_columns }},
    {{ snowplow_mobile_screen_columns }},
    {{ snowplow_mobile_device_columns }},
    {{ snowplow_mobile_geolocation_columns }},
    {{ snowplow_mobile_application_columns }},
    {{ snowplow_mobile_session_columns }},
    e.*,
    row_number() over (partition by {{ snowplow_mobile_session_id "e" }} order by e.derived_tstamp, e.event_id) as event_index_in_session
from {{ source "atomic" "events" }} as e
inner join kept as k on {{ snowplow_event_row "e" }} = k.event_row
cross join bounds
-- the same bounds again, so the scan of the wide rows skips the blocks outside the run
where e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
