select
    e.events,
    e.newest_load,
    m.tracked,
    m.oldest_success,
    m.newest_success,
    m.successes
from (select count(*) as events, max(load_tstamp) as newest_load from `main`.`atomic`.`events`) as e
cross join (
    select count(*) as tracked, min(last_success) as oldest_success, max(last_success) as newest_success,
        count(distinct last_success) as successes
    from `main`.`analytics_snowplow_manifest`.`snowplow_mobile_incremental_manifest`
) as m
