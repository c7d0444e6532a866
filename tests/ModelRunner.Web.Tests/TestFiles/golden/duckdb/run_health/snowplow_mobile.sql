with limits as (
    select lower_limit, upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits"
),

tracked as (
    select t.model, m.last_success
    from (values ('snowplow_mobile_app_errors'), ('snowplow_mobile_screen_views'), ('snowplow_mobile_sessions'), ('snowplow_mobile_sessions_aggs'), ('snowplow_mobile_sessions_sv_details'), ('snowplow_mobile_user_mapping'), ('snowplow_mobile_users'), ('snowplow_mobile_users_aggs'), ('snowplow_mobile_users_lasts'), ('snowplow_mobile_users_sessions_this_run')) as t(model)
    left join "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" as m on m.model = t.model
),

status as (
    select max(last_success) as newest_success from tracked
),

models as (
    select
        string_agg(case when m.last_success is null then m.model end, ', ' order by m.model) as new_models,
        string_agg(case when m.last_success < status.newest_success then m.model || ' (' || cast(cast(floor((epoch(status.newest_success) - epoch(m.last_success)) / 3600) as bigint) as string) || ' h behind)' end, ', ' order by m.model) as out_of_sync
    from tracked as m
    cross join status
),

run_events as (
    select
        count(*) as events,
        count(case when status.newest_success is null or r.collector_tstamp > status.newest_success then 1 end) as new_events
    from "main_scratch"."snowplow_mobile_base_event_rows_this_run" as r
    cross join status
),

source as (
    select
        max(e.collector_tstamp) as newest_event,
        count(case when e.collector_tstamp <= limits.upper_limit then 1 end) as window_events,
        count(case when e.collector_tstamp <= limits.upper_limit and not (e.dvce_sent_tstamp <= (e.dvce_created_tstamp + interval (3) day)) then 1 end) as late_events
    from "atomic"."events" as e
    cross join limits
    where e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_id is not null
        and e.collector_tstamp >= limits.lower_limit and e.platform in ('mob')
),

quarantined as (
    select cast(0 as bigint) as quarantined_events
)

select
    limits.lower_limit,
    limits.upper_limit,
    run_events.events,
    run_events.new_events,
    source.newest_event,
    models.new_models,
    models.out_of_sync,
    source.window_events,
    source.late_events,
    quarantined.quarantined_events,
    3 as zero_runs_warn,
    0.01 as dropped_share_warn
from limits
cross join run_events
cross join models
cross join source
cross join quarantined
