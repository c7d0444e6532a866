-- The window of collector_tstamp this run processes, from the manifest of the models in the run:
-- first run, new models to backfill, models out of sync, or the standard case.
with manifest as (
    select last_success
    from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest`
    where model in ('snowplow_media_player_base', 'snowplow_media_player_interactions_this_run', 'snowplow_media_player_media_ad_views', 'snowplow_media_player_media_ads', 'snowplow_media_player_media_session_stats', 'snowplow_media_player_media_stats', 'snowplow_media_player_pivot_base', 'snowplow_media_player_plays_by_pageview', 'snowplow_media_player_v2_events_this_run', 'snowplow_media_player_v2_plays_this_run', 'snowplow_web_consent_cmp_stats', 'snowplow_web_consent_log', 'snowplow_web_consent_scope_status', 'snowplow_web_consent_totals', 'snowplow_web_consent_users', 'snowplow_web_consent_versions', 'snowplow_web_page_views', 'snowplow_web_pv_engaged_time', 'snowplow_web_pv_scroll_depth', 'snowplow_web_sessions', 'snowplow_web_user_mapping', 'snowplow_web_users', 'snowplow_web_users_aggs', 'snowplow_web_users_lasts', 'snowplow_web_users_sessions_this_run', 'snowplow_web_vital_events_this_run', 'snowplow_web_vital_measurements', 'snowplow_web_vitals')
),

status as (
    select count(*) as n_models, min(last_success) as min_last_success, max(last_success) as max_last_success
    from manifest
)

select
    case
        when n_models < 28 then cast('2024-12-01' as timestamp)
        else timestampadd(HOUR, -6, min_last_success)
    end as lower_limit,
    case
        when n_models = 0 then least(timestampadd(DAY, 30, cast('2024-12-01' as timestamp)), current_timestamp())
        when n_models < 28 then least(max_last_success, timestampadd(DAY, 30, cast('2024-12-01' as timestamp)))
        when min_last_success <> max_last_success then least(max_last_success, timestampadd(DAY, 30, min_last_success))
        else least(timestampadd(DAY, 30, min_last_success), current_timestamp())
    end as upper_limit
from status
