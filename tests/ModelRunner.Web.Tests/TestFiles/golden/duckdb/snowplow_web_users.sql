-- Users, upserted from the users this run touched (only when the run has events this table has not processed).
select *
from "modelrunner_run"."main_scratch"."snowplow_web_users_this_run"
