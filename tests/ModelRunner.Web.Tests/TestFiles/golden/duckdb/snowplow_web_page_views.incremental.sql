-- Page views, upserted from this run's page views (only when the run has events this table has not processed).
select *
from "modelrunner_run"."main_scratch"."snowplow_web_page_views_this_run"

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_page_views') is null or (select upper_limit from "main_scratch"."snowplow_web_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_page_views'))
