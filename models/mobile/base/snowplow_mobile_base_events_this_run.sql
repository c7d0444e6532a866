{{ config materialized: snowplow_events_this_run_materialization schema: "scratch" }}
-- The events of the run (the rows snowplow_mobile_base_event_rows_this_run lists): the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session (on
-- DuckDB its row of atomic.events too: see snowplow_kept_by_row).
-- A view on DuckDB, a table elsewhere (see the materialization macro).
{{ snowplow_mobile_events_of (ref "snowplow_mobile_base_event_rows_this_run") snowplow_mobile_events_this_run_carried }}
