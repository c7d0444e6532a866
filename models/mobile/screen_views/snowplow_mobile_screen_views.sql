{{ config materialized: "incremental" unique_key: "screen_view_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_upsert_window "derived_tstamp" (var "snowplow__upsert_lookback_days")] }}
-- Screen views, upserted from this run's (only when the run has events this table has not processed).
select *
from {{ ref "snowplow_mobile_screen_views_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_mobile_incremental_manifest") (ref "snowplow_mobile_base_new_event_limits") "snowplow_mobile_screen_views" }}
{{~ end }}
