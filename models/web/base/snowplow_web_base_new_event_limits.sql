{{ config materialized: "table" schema: "scratch" }}
{{~
  models = models_tagged "snowplow_web_incremental"
  start = snowplow_web_start_timestamp
  backfill = var "snowplow__backfill_limit_days"
  now = snowplow_current_timestamp
~}}
-- The window of collector_tstamp this run processes, from the manifest of the models in the run:
-- first run, new models to backfill, models out of sync, or the standard case.
with manifest as (
    select last_success
    from {{ ref "snowplow_web_incremental_manifest" }}
    where model in {{ sql_string_list models }}
),

status as (
    select count(*) as n_models, min(last_success) as min_last_success, max(last_success) as max_last_success
    from manifest
)

select
    case
        when n_models < {{ models.size }} then {{ start }}
        else {{ add_hours "min_last_success" (-(var "snowplow__lookback_window_hours")) }}
    end as lower_limit,
    case
        when n_models = 0 then least({{ add_days start backfill }}, {{ now }})
        when n_models < {{ models.size }} then least(max_last_success, {{ add_days start backfill }})
        when min_last_success <> max_last_success then least(max_last_success, {{ add_days "min_last_success" backfill }})
        else least({{ add_days "min_last_success" backfill }}, {{ now }})
    end as upper_limit
from status
