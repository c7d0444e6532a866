{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_cwv") materialized: "incremental" schema: "derived" unique_key: "page_view_id" incremental_strategy: "delete+insert" cluster_by: "derived_tstamp" incremental_predicates: [snowplow_upsert_window "derived_tstamp" (var "snowplow__upsert_lookback_days")] }}
-- Web vitals per page view, upserted from this run's.
select *
from {{ ref "snowplow_web_vitals_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_vitals" }}
{{~ end }}
