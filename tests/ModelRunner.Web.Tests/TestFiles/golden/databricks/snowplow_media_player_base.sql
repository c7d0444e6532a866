-- Plays, upserted from this run's (only when the run has events this table has not processed): a play recomputed
-- in a later run replaces its row.
select *
from `main`.`analytics_scratch`.`snowplow_media_player_base_this_run`
