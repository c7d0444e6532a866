-- Web vitals per page view, upserted from this run's.
select *
from "modelrunner_run"."main_scratch"."snowplow_web_vitals_this_run"
