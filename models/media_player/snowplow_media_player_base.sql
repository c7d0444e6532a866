{{ config materialized: "incremental" unique_key: "play_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" 30] }}
-- Plays of both generations, upserted from this run's (only when the run has events this table has not processed):
-- v1 plays (page view and media, from media_player_event) and v2 plays (media sessions, from the per-event v2
-- schemas), in the same columns. A play recomputed in a later run replaces its row.
select * from (
    select * from {{ ref "snowplow_media_player_base_this_run" }}
    union all
    select * from {{ ref "snowplow_media_player_v2_plays_this_run" }}
) as plays
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_media_player_base" }}
{{~ end }}
