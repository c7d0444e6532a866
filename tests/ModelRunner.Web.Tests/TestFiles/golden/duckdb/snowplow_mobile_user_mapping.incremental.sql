-- The latest user_id seen for each device_user_id in this run, by collector_tstamp (a plain merge: each run's value
-- replaces the stored one).
select
    device_user_id,
    arg_max(user_id, struct_pack(t := collector_tstamp is not null, c := collector_tstamp, i := event_id is not null, e := event_id)) as user_id,
    max(collector_tstamp) as end_tstamp
    from "main_scratch"."snowplow_mobile_base_events_this_run"
    where user_id is not null
        and device_user_id is not null

        and ((select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_user_mapping') is null or (select upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_user_mapping'))
group by device_user_id
