-- Screen views, upserted from this run's (only when the run has events this table has not processed).
select *
from "modelrunner_run"."main_scratch"."snowplow_mobile_screen_views_this_run"

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_screen_views') is null or (select upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_screen_views'))
