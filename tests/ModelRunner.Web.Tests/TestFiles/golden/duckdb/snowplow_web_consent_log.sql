-- Every consent and CMP event, upserted from this run's.
select *
from "modelrunner_run"."main_scratch"."snowplow_web_consent_events_this_run"
