{{ config tags: ["snowplow_web_incremental"] materialized: "incremental" schema: "derived" unique_key: "page_view_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] }}
-- Page views, upserted from this run's page views (only when the run has events this table has not processed).
select *
from {{ ref "snowplow_web_page_views_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_page_views" }}
{{~ end }}
