-- Plays of both generations, upserted from this run's (only when the run has events this table has not processed):
-- v1 plays (page view and media, from media_player_event) and v2 plays (media sessions, from the per-event v2
-- schemas), in the same columns. A play recomputed in a later run replaces its row.
select * from (
    select * from "modelrunner_run"."main_scratch"."snowplow_media_player_base_this_run"
    union all
    select * from "modelrunner_run"."main_scratch"."snowplow_media_player_v2_plays_this_run"
) as plays

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_media_player_base') is null or (select upper_limit from "main_scratch"."snowplow_web_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_media_player_base'))
