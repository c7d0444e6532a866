{{ config enabled: (var "snowplow__enable_app_errors_module") materialized: "incremental" unique_key: "event_id" incremental_strategy: "delete+insert" cluster_by: "derived_tstamp" incremental_predicates: [snowplow_upsert_window "derived_tstamp" (var "snowplow__upsert_lookback_days")] }}
-- Application errors, upserted from this run's (only when the run has events this table has not processed).
select *
from {{ ref "snowplow_mobile_app_errors_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_mobile_incremental_manifest") (ref "snowplow_mobile_base_new_event_limits") "snowplow_mobile_app_errors" }}
{{~ end }}
