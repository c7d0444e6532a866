-- Every session (of every run, already stitched) of the users whose sessions this run touched, with each user's
-- first start and last end (aggregated on two columns and joined back: a window would carry every column). The
-- sessions are found on domain_userid alone first (rows_matching): the table grows with every run, the users do not.
with user_sessions as (
    select * from "main_derived"."snowplow_web_sessions"
        where rowid in (select rowid from "main_derived"."snowplow_web_sessions" where domain_userid in (select domain_userid from "modelrunner_run"."main_scratch"."snowplow_web_base_sessions_this_run"))
),

user_bounds as (
    select
        domain_userid,
        min(start_tstamp) as user_start_tstamp,
        max(end_tstamp) as user_end_tstamp
    from user_sessions
    group by domain_userid
)

select
    s.*,
    b.user_start_tstamp,
    b.user_end_tstamp
from user_sessions as s
inner join user_bounds as b on b.domain_userid = s.domain_userid
