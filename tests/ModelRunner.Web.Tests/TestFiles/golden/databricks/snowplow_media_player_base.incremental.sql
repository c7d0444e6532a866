-- Plays, upserted from this run's (only when the run has events this table has not processed): a play recomputed
-- in a later run replaces its row.
select *
from `main`.`analytics_scratch`.`snowplow_media_player_base_this_run`

where ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_media_player_base') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_media_player_base'))
