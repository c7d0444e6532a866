{{ config materialized: "table" schema: "scratch" run_scoped: true }}
-- The sessions this run processes: those overlapping the window that started at most max_session_days before it;
-- their end capped at the upper limit.
{{ snowplow_sessions_this_run (ref "snowplow_mobile_base_sessions_lifecycle_manifest") (ref "snowplow_mobile_base_new_event_limits") "device_user_id" }}
