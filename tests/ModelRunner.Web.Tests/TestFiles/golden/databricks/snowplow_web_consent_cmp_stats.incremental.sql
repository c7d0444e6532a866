-- Per CMP shown: its load time and the first consent event after it (the user's next event in time), and how many
-- second boundaries passed in between.
-- A CMP's row depends on its user's consent log alone. Snowplow rebuilds the table from the whole log every run, a
-- cost that grows with the log; here a run recomputes the rows of the users whose consent events it logged (the log's
-- rows of this run's events), each from the user's whole log, and replaces them by the CMP event's id: the same rows.
with
-- The users whose consent events this run logged.
logged_users as (
    select l.domain_userid
    from `main`.`analytics_derived`.`snowplow_web_consent_log` as l
    where l.event_id in (select event_id from `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run`)
),

user_log as (
    select * from `main`.`analytics_derived`.`snowplow_web_consent_log` where domain_userid in (select domain_userid from logged_users)
),

attributed as (
    select
        *,
        last_value(case when event_name = 'cmp_visible' then event_id end, true)
            over (partition by domain_userid order by derived_tstamp rows between unbounded preceding and current row) as cmp_id
    from user_log
    where event_type <> 'pending' or event_type is null
),

numbered as (
    select *, row_number() over (partition by cmp_id order by derived_tstamp) as position
    from attributed
    where cmp_id is not null
)

select
    c.event_id,
    c.domain_userid,
    c.page_view_id,
    c.domain_sessionid,
    c.cmp_load_time,
    c.derived_tstamp as cmp_tstamp,
    f.derived_tstamp as first_consent_event_tstamp,
    f.event_type as first_consent_event_type,
    cast(cast(floor((unix_micros(f.derived_tstamp) / 1000000.0)) - floor((unix_micros(c.derived_tstamp) / 1000000.0)) as bigint) as double) as cmp_interaction_time
from numbered as c
left join numbered as f on f.cmp_id = c.event_id and f.position = 2
where c.event_name = 'cmp_visible'
