-- Web vitals per page view, upserted from this run's.
select *
from `main`.`analytics_scratch`.`snowplow_web_vitals_this_run`
