{{ config tags: ["snowplow_web_incremental"] materialized: "incremental" schema: "derived" unique_key: "domain_sessionid" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] post_hook: "{{ snowplow_stitch_sessions (ref 'snowplow_web_user_mapping') 'domain_userid' }}" }}
-- Sessions, upserted from this run's sessions; the post-hook stitches every session to the latest user_id of its
-- domain_userid in {{ ref "snowplow_web_user_mapping" }}.
select *
from {{ ref "snowplow_web_sessions_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_sessions" }}
{{~ end }}
