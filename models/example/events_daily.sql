{{ config materialized: "incremental" unique_key: ["event_date", "app_id", "event_name"] }}
-- Events per day, app and event type, from Snowplow's atomic.events: the path the web package will take.
-- Days already built are recomputed from the last one on, so late events of that day are counted.
select
    cast(collector_tstamp as date) as event_date,
    app_id,
    event_name,
    count(*) as events,
    count(distinct domain_sessionid) as sessions,
    count(distinct domain_userid) as users
from {{ source "atomic" "events" }}
{{~ if is_incremental }}
where collector_tstamp >= (select max(event_date) from {{ this }})
{{~ end }}
group by all
