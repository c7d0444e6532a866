{{ config materialized: "table" schema: "scratch" run_scoped: true post_hook: "{{ snowplow_quarantine_sessions (ref 'snowplow_web_base_quarantined_sessions') }}" }}
-- The sessions this run processes (the quarantine post-hook writes to {{ ref "snowplow_web_base_quarantined_sessions" }}):
-- those overlapping the window that started at most max_session_days before it; their end capped at the upper limit.
{{ snowplow_sessions_this_run (ref "snowplow_web_base_sessions_lifecycle_manifest") (ref "snowplow_web_base_new_event_limits") "domain_userid" }}
