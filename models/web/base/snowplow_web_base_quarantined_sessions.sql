{{ config materialized: "incremental" schema: "snowplow_manifest" keyhole: false unique_key: "session_id" full_refresh: snowplow_manifest_full_refresh }}
-- Sessions longer than snowplow__max_session_days; their later events are ignored. Filled by the post-hook of
-- snowplow_web_base_sessions_this_run.
select cast(null as string) as session_id
where false
