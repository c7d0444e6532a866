{{ config materialized: "incremental" schema: "snowplow_manifest" keyhole: false unique_key: "session_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] full_refresh: snowplow_manifest_full_refresh }}
{{- # mobile: sessions by the client session context's id, the newest batch's device_user_id wins, no quarantine }}
{{ snowplow_sessions_lifecycle_manifest (ref "snowplow_mobile_base_new_event_limits") (snowplow_mobile_session_id "e") (snowplow_mobile_device_user_id "e") "device_user_id" false null }}
