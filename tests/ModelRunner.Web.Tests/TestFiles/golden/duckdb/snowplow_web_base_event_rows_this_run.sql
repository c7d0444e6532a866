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
kept as (
    select
        e.rowid as event_row,
        e.event_id,
        e.collector_tstamp,
        s.domain_userid
    from "atomic"."events" as e
    inner join sessions as s on e.domain_sessionid = s.session_id
    cross join bounds
    where e.collector_tstamp <= (s.start_tstamp + interval (3) day)
        and e.dvce_sent_tstamp <= (e.dvce_created_tstamp + interval (3) day)
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
    qualify row_number() over (partition by e.event_id order by e.collector_tstamp, e.etl_tstamp) = 1
)

select * from kept
