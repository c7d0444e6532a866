{{ config materialized: "incremental" schema: "snowplow_manifest" unique_key: "session_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] full_refresh: snowplow_manifest_full_refresh }}
{{- # web: sessions by domain_sessionid, a stored session keeps its first domain_userid, long sessions quarantined }}
{{ snowplow_sessions_lifecycle_manifest (ref "snowplow_web_base_new_event_limits") "e.domain_sessionid" "e.domain_userid" "domain_userid" true (ref "snowplow_web_base_quarantined_sessions") }}
