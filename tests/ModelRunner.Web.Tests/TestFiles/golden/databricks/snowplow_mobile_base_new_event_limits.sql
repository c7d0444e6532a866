-- The window of collector_tstamp this run processes, from the manifest of the models in the run:
-- first run, new models to backfill, models out of sync, or the standard case.
with manifest as (
    select last_success
    from `main`.`analytics_snowplow_manifest`.`snowplow_mobile_incremental_manifest`
    where model in ('snowplow_mobile_app_errors', 'snowplow_mobile_screen_views', 'snowplow_mobile_sessions', 'snowplow_mobile_sessions_aggs', 'snowplow_mobile_sessions_sv_details', 'snowplow_mobile_user_mapping', 'snowplow_mobile_users', 'snowplow_mobile_users_aggs', 'snowplow_mobile_users_lasts', 'snowplow_mobile_users_sessions_this_run')
),

status as (
    select count(*) as n_models, min(last_success) as min_last_success, max(last_success) as max_last_success
    from manifest
)

select
    case
        when n_models < 10 then cast('2024-12-01' as timestamp)
        else timestampadd(HOUR, -6, min_last_success)
    end as lower_limit,
    case
        when n_models = 0 then least(timestampadd(DAY, 30, cast('2024-12-01' as timestamp)), current_timestamp())
        when n_models < 10 then least(max_last_success, timestampadd(DAY, 30, cast('2024-12-01' as timestamp)))
        when min_last_success <> max_last_success then least(max_last_success, timestampadd(DAY, 30, min_last_success))
        else least(timestampadd(DAY, 30, min_last_success), current_timestamp())
    end as upper_limit
from status
