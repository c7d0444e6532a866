{{ config materialized: snowplow_events_this_run_materialization schema: "scratch" }}
-- The events of the run (the rows snowplow_mobile_base_event_rows_this_run lists): the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session.
-- A view on DuckDB, a table elsewhere (see the materialization macro).
select
    {{ snowplow_mobile_screen_view_columns }},
    {{ snowplow_mobile_screen_columns }},
    {{ snowplow_mobile_device_columns }},
    {{ snowplow_mobile_geolocation_columns }},
    {{ snowplow_mobile_application_columns }},
    {{ snowplow_mobile_session_columns }},
    {{ snowplow_event_columns "e" "k" [] }},
    k.event_index_in_session
from {{ source "atomic" "events" }} as e
inner join {{ ref "snowplow_mobile_base_event_rows_this_run" }} as k on {{ snowplow_event_row_match "e" "k" }}
-- the package's filters again where the rows are written once (see snowplow_events_this_run_filters)
where {{ snowplow_event_bounds "e" (ref "snowplow_mobile_base_event_rows_this_run") }}
    {{- snowplow_events_this_run_filters "e" }}
