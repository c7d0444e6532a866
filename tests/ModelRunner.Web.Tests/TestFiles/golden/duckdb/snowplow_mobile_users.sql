-- Users (devices), upserted from the devices this run touched (only when the run has events this table has not
-- processed); matched on start_tstamp without lookback.
select *
from "modelrunner_run"."main_scratch"."snowplow_mobile_users_this_run"
