-- Per user: first and last session (the greater id on ties), page views, sessions, engaged time.
select
    domain_userid,
    max(user_start_tstamp) as start_tstamp,
    max(user_end_tstamp) as end_tstamp,
    max(case when start_tstamp = user_start_tstamp then domain_sessionid end) as first_domain_sessionid,
    max(case when end_tstamp = user_end_tstamp then domain_sessionid end) as last_domain_sessionid,
    sum(page_views) as page_views,
    count(distinct domain_sessionid) as sessions,
    sum(engaged_time_in_s) as engaged_time_in_s
from "modelrunner_run"."main_scratch"."snowplow_web_users_sessions_this_run"
group by domain_userid
