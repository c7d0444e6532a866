-- Every session (of every run, already stitched) of the users whose sessions this run touched, with each user's
-- first start and last end.
select
    s.*,
    min(s.start_tstamp) over (partition by s.domain_userid) as user_start_tstamp,
    max(s.end_tstamp) over (partition by s.domain_userid) as user_end_tstamp
from `main`.`analytics_derived`.`snowplow_web_sessions` as s
where s.domain_userid in (select domain_userid from `main`.`analytics_scratch`.`snowplow_web_base_sessions_this_run`)
