-- The latest user_id seen for each device_user_id in this run, by collector_tstamp (a plain merge: each run's value
-- replaces the stored one).
select
    device_user_id,
    user_id,
    end_tstamp
from (
    select
        device_user_id,
        user_id,
        max(collector_tstamp) over (partition by device_user_id) as end_tstamp,
        row_number() over (partition by device_user_id order by collector_tstamp desc, event_id desc) as recency
    from `main`.`analytics_scratch`.`snowplow_mobile_base_events_this_run`
    where user_id is not null
        and device_user_id is not null

        and ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_mobile_incremental_manifest` where model = 'snowplow_mobile_user_mapping') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_mobile_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_mobile_incremental_manifest` where model = 'snowplow_mobile_user_mapping'))
) as mapped
where recency = 1
