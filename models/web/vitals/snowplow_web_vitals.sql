{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_cwv") materialized: "incremental" schema: "derived" unique_key: "page_view_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_web_upsert_window "derived_tstamp" (var "snowplow__upsert_lookback_days")] }}
-- Web vitals per page view, upserted from this run's.
select *
from {{ ref "snowplow_web_vitals_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_web_has_new_events "snowplow_web_vitals" }}
{{~ end }}
