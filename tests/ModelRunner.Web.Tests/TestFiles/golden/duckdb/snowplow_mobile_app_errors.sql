-- Application errors, upserted from this run's (only when the run has events this table has not processed).
select *
from "modelrunner_run"."main_scratch"."snowplow_mobile_app_errors_this_run"
