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

        and ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_user_mapping') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_user_mapping'))
) as mapped
where recency = 1
