{{ config tags: ["snowplow_web_incremental"] materialized: "incremental" schema: "derived" unique_key: "domain_sessionid" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_web_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] post_hook: "{{ snowplow_web_stitch_sessions }}" }}
-- Sessions, upserted from this run's sessions; the post-hook stitches every session to the latest user_id of its
-- domain_userid in {{ ref "snowplow_web_user_mapping" }}.
select *
from {{ ref "snowplow_web_sessions_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_web_has_new_events "snowplow_web_sessions" }}
{{~ end }}
