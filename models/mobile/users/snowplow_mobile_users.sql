{{ config materialized: "incremental" unique_key: "device_user_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" 0] }}
-- Users (devices), upserted from the devices this run touched (only when the run has events this table has not
-- processed); matched on start_tstamp without lookback.
select *
from {{ ref "snowplow_mobile_users_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_mobile_incremental_manifest") (ref "snowplow_mobile_base_new_event_limits") "snowplow_mobile_users" }}
{{~ end }}
