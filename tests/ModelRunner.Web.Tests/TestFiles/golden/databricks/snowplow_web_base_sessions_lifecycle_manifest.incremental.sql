-- Every session seen: its first domain_userid and its start and end (collector_tstamp), the end capped at
-- max_session_days. Sessions with events in this run's window are added or extended.
with limits as (
    select lower_limit, upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`
),

new_sessions as (
    select
        e.domain_sessionid as session_id,
        max(e.domain_userid) as domain_userid,
        min(e.collector_tstamp) as start_tstamp,
        max(e.collector_tstamp) as end_tstamp
    from `main`.`atomic`.`events` as e
    cross join limits
    where e.domain_sessionid is not null
        and e.domain_sessionid not in (select q.session_id from `main`.`analytics_snowplow_manifest`.`snowplow_web_base_quarantined_sessions` as q where q.session_id is not null)
        and e.dvce_sent_tstamp <= timestampadd(DAY, 3, e.dvce_created_tstamp)
        and e.collector_tstamp between limits.lower_limit and limits.upper_limit
        and e.load_tstamp_date >= cast(limits.lower_limit as date)

        and (limits.upper_limit > (select max(start_tstamp) from `main`.`analytics_snowplow_manifest`.`snowplow_web_base_sessions_lifecycle_manifest`) or (select max(start_tstamp) from `main`.`analytics_snowplow_manifest`.`snowplow_web_base_sessions_lifecycle_manifest`) is null)

    group by e.domain_sessionid
),


previous as (
    select p.*
    from `main`.`analytics_snowplow_manifest`.`snowplow_web_base_sessions_lifecycle_manifest` as p
    cross join limits
    where p.start_tstamp >= timestampadd(DAY, -730, limits.lower_limit)
),

session_lifecycle as (
    select
        ns.session_id,
        coalesce(p.domain_userid, ns.domain_userid) as domain_userid,
        least(ns.start_tstamp, coalesce(p.start_tstamp, ns.start_tstamp)) as start_tstamp,
        greatest(ns.end_tstamp, coalesce(p.end_tstamp, ns.end_tstamp)) as end_tstamp
    from new_sessions as ns
    left join previous as p on ns.session_id = p.session_id
    where p.session_id is null or p.end_tstamp < timestampadd(DAY, 3, p.start_tstamp)
)


select
    session_id,
    domain_userid,
    start_tstamp,
    least(timestampadd(DAY, 3, start_tstamp), end_tstamp) as end_tstamp
from session_lifecycle
