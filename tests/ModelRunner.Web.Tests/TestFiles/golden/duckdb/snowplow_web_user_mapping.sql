-- The latest user_id seen for each domain_userid (each run's value replaces the stored one).
select
    domain_userid,
    arg_max(user_id, struct_pack(t := collector_tstamp is not null, c := collector_tstamp, i := event_id is not null, e := event_id)) as user_id,
    max(collector_tstamp) as end_tstamp
    from "main_scratch"."snowplow_web_base_events_this_run"
    where user_id is not null
        and domain_userid is not null
group by domain_userid
