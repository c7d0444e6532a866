-- The latest user_id seen for each domain_userid (each run's value replaces the stored one).
select
    domain_userid,
    user_id,
    end_tstamp
from (
    select
        domain_userid,
        user_id,
        max(collector_tstamp) over (partition by domain_userid) as end_tstamp,
        row_number() over (partition by domain_userid order by collector_tstamp desc, event_id desc) as recency
    from `main`.`analytics_scratch`.`snowplow_web_base_events_this_run`
    where user_id is not null
        and domain_userid is not null
) as mapped
where recency = 1
