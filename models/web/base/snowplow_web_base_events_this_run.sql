{{ config materialized: snowplow_events_this_run_materialization schema: "scratch" }}
-- The events of the run (the rows snowplow_web_base_event_rows_this_run lists) with every atomic column.
-- domain_userid is the session's, from the manifest; page_view_id comes from the web page context; enrichment
-- contexts are flattened as iab_*, ua_*, yauaa_* (on DuckDB each event's row of atomic.events too: see
-- snowplow_kept_by_row). A view on DuckDB, a table elsewhere (see the materialization macro).
{{ snowplow_web_events_of (ref "snowplow_web_base_event_rows_this_run") snowplow_event_row_carried }}
