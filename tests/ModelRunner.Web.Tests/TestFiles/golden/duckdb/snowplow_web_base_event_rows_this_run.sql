-- Which rows of atomic.events are this run's events, found on narrow columns only: those of the sessions this run
-- processes, within their first max_session_days, not late, de-duplicated on event_id (earliest collector_tstamp,
-- then etl_tstamp); each with the session's domain_userid, from the manifest.
with sessions as (
    select * from "modelrunner_run"."main_scratch"."snowplow_web_base_sessions_this_run"
),

bounds as (
    select
        coalesce(min(start_tstamp), cast('9999-01-01' as timestamp)) as lower_bound,
        coalesce(max(end_tstamp), cast('9999-01-02' as timestamp)) as upper_bound
    from sessions
),

-- The events to keep, found on narrow columns first: reading the wide rows (every atomic column, nested contexts)
-- only for the rows kept is what makes this model fast (see snowplow_event_row).
candidates as (
    select
        e.rowid as event_row,
        e.event_id,
        e.collector_tstamp,
        s.domain_userid,
        e.etl_tstamp
    from "atomic"."events" as e
    inner join sessions as s on e.domain_sessionid = s.session_id
    cross join bounds
    where e.collector_tstamp <= (s.start_tstamp + interval (3) day)
        and e.dvce_sent_tstamp <= (e.dvce_created_tstamp + interval (3) day)
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
),

duplicated as (
    select event_id from candidates group by event_id having count(*) > 1
),

kept as (
    select c.* exclude (etl_tstamp)
    from candidates as c
    anti join duplicated as d on c.event_id is not distinct from d.event_id
    union all
    select c.* exclude (etl_tstamp)
    from candidates as c
    semi join duplicated as d on c.event_id is not distinct from d.event_id
    qualify row_number() over (partition by c.event_id order by c.collector_tstamp, c.etl_tstamp) = 1
)

select * from kept
