{{ config materialized: "incremental" unique_key: "session_id" }}
select session_id, min(collector_tstamp) as started_at, count(*) as page_views
from {{ ref "stg_events" }}
{{~ if is_incremental }}
where {{ days_ago "collector_tstamp" (var "lookback_days") }}
  and session_id in (select session_id from {{ this }})
{{~ end }}
group by session_id
