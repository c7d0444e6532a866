select
    e.events,
    e.newest_load,
    case when e.newest_collected > cast(get_current_timestamp() at time zone 'UTC' as timestamp) then cast(get_current_timestamp() at time zone 'UTC' as timestamp) end as ahead_of_now,
    m.tracked,
    m.oldest_success,
    m.newest_success,
    m.successes,
    q.quarantined
from (
    select count(*) as events, max(load_tstamp) as newest_load, max(collector_tstamp) as newest_collected
    from "atomic"."events"
) as e
cross join (
    select count(*) as tracked, min(last_success) as oldest_success, max(last_success) as newest_success,
        count(distinct last_success) as successes
    from "main_snowplow_manifest"."snowplow_web_incremental_manifest"
) as m
cross join (select count(*) as quarantined from "main_snowplow_manifest"."snowplow_web_base_quarantined_sessions") as q
