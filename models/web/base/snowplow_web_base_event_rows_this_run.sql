{{ config materialized: "table" schema: "scratch" }}
-- Which rows of atomic.events are this run's events, found on narrow columns only: those of the sessions this run
-- processes, within their first max_session_days, not late, de-duplicated on event_id (earliest collector_tstamp,
-- then etl_tstamp); each with the session's domain_userid, from the manifest.
{{ snowplow_events_this_run_ctes (ref "snowplow_web_base_sessions_this_run") "e.domain_sessionid" ["s.domain_userid"] }}
select * from kept
