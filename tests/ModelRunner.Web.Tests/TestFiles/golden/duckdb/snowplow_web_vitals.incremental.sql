-- Web vitals per page view, upserted from this run's.
select *
from "modelrunner_run"."main_scratch"."snowplow_web_vitals_this_run"

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_vitals') is null or (select upper_limit from "main_scratch"."snowplow_web_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_vitals'))
