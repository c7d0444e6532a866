{{ config materialized: "incremental" unique_key: "play_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_upsert_window "start_tstamp" 30] }}
-- Plays, upserted from this run's (only when the run has events this table has not processed): a play recomputed
-- in a later run replaces its row.
select *
from {{ ref "snowplow_media_player_base_this_run" }}
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_media_player_base" }}
{{~ end }}
