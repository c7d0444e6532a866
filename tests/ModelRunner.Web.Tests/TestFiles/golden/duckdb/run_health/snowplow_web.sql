with limits as (
    select lower_limit, upper_limit from "main_scratch"."snowplow_web_base_new_event_limits"
),

tracked as (
    select t.model, m.last_success
    from (values ('snowplow_media_player_base'), ('snowplow_media_player_interactions_this_run'), ('snowplow_media_player_media_ad_views'), ('snowplow_media_player_media_ads'), ('snowplow_media_player_media_session_stats'), ('snowplow_media_player_media_stats'), ('snowplow_media_player_pivot_base'), ('snowplow_media_player_plays_by_pageview'), ('snowplow_media_player_v2_events_this_run'), ('snowplow_media_player_v2_plays_this_run'), ('snowplow_web_consent_cmp_stats'), ('snowplow_web_consent_log'), ('snowplow_web_consent_scope_status'), ('snowplow_web_consent_totals'), ('snowplow_web_consent_users'), ('snowplow_web_consent_versions'), ('snowplow_web_page_views'), ('snowplow_web_pv_engaged_time'), ('snowplow_web_pv_scroll_depth'), ('snowplow_web_sessions'), ('snowplow_web_user_mapping'), ('snowplow_web_users'), ('snowplow_web_users_aggs'), ('snowplow_web_users_lasts'), ('snowplow_web_users_sessions_this_run'), ('snowplow_web_vital_events_this_run'), ('snowplow_web_vital_measurements'), ('snowplow_web_vitals')) as t(model)
    left join "main_snowplow_manifest"."snowplow_web_incremental_manifest" as m on m.model = t.model
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
    from "main_scratch"."snowplow_web_base_event_rows_this_run" as r
    cross join status
),

source as (
    select
        max(e.collector_tstamp) as newest_event,
        count(case when e.collector_tstamp <= limits.upper_limit then 1 end) as window_events,
        count(case when e.collector_tstamp <= limits.upper_limit and not (e.dvce_sent_tstamp <= (e.dvce_created_tstamp + interval (3) day)) then 1 end) as late_events
    from "atomic"."events" as e
    cross join limits
    where e.domain_sessionid is not null
        and e.collector_tstamp >= limits.lower_limit
),

quarantined as (
    select count(case when e.domain_sessionid in (select session_id from "main_snowplow_manifest"."snowplow_web_base_quarantined_sessions") then 1 end) as quarantined_events
    from "atomic"."events" as e
    cross join limits
    where e.collector_tstamp between limits.lower_limit and limits.upper_limit
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
