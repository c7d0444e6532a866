{{ config materialized: "table" schema: "scratch" }}
-- Which rows of atomic.events are this run's events, found on narrow columns only: those of the sessions this run
-- processes, within their first max_session_days, not late, on the package's platforms, de-duplicated on event_id
-- (earliest collector_tstamp, then etl_tstamp); each with its session and its index in the session.
{{ snowplow_events_this_run_ctes (ref "snowplow_mobile_base_sessions_this_run") (snowplow_mobile_session_id "e") ["s.session_id", "e.derived_tstamp"] }}
-- Numbered on the narrow columns (a window over the wide rows would sort every column of them).
select
    *,
    row_number() over (partition by session_id order by derived_tstamp, event_id) as event_index_in_session
from kept
