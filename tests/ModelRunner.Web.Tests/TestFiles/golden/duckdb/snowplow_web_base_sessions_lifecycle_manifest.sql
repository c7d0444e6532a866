-- Every session seen: its first domain_userid and its start and end (collector_tstamp), the end capped at
-- max_session_days. Sessions with events in this run's window are added or extended.
with limits as (
    select lower_limit, upper_limit from "main_scratch"."snowplow_web_base_new_event_limits"
),

new_sessions as (
    select
        e.domain_sessionid as session_id,
        max(e.domain_userid) as domain_userid,
        min(e.collector_tstamp) as start_tstamp,
        max(e.collector_tstamp) as end_tstamp
    from "atomic"."events" as e
    cross join limits
    where e.domain_sessionid is not null
        and e.domain_sessionid not in (select q.session_id from "main_snowplow_manifest"."snowplow_web_base_quarantined_sessions" as q where q.session_id is not null)
        and e.dvce_sent_tstamp <= (e.dvce_created_tstamp + interval (3) day)
        and e.collector_tstamp between limits.lower_limit and limits.upper_limit

    group by e.domain_sessionid
),


session_lifecycle as (
    select * from new_sessions
)


select
    session_id,
    domain_userid,
    start_tstamp,
    least((start_tstamp + interval (3) day), end_tstamp) as end_tstamp
from session_lifecycle
