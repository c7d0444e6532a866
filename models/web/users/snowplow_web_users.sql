{{ config tags: ["snowplow_web_incremental"] materialized: "incremental" schema: "derived" unique_key: "domain_userid" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" 0] }}
-- Users, upserted from the users this run touched (only when the run has events this table has not processed).
select *
from {{ ref "snowplow_web_users_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_users" }}
{{~ end }}
