{{ config materialized: "incremental" unique_key: "session_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] post_hook: "{{ snowplow_stitch_sessions (ref 'snowplow_mobile_user_mapping') 'device_user_id' }}" }}
-- Sessions, upserted from this run's; the post-hook stitches every session to the latest user_id of its
-- device_user_id in {{ ref "snowplow_mobile_user_mapping" }}.
select *
from {{ ref "snowplow_mobile_sessions_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_mobile_incremental_manifest") (ref "snowplow_mobile_base_new_event_limits") "snowplow_mobile_sessions" }}
{{~ end }}
