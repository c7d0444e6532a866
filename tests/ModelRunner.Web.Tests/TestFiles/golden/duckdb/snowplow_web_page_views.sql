-- Page views, upserted from this run's page views (only when the run has events this table has not processed).
select *
from "modelrunner_run"."main_scratch"."snowplow_web_page_views_this_run"
