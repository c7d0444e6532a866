with __mr_cte__snowplow_web_vitals_this_run as (
-- Ephemeral: its one reader, snowplow_web_vitals, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per page view with web vitals: its first vitals event, with each metric rated good, needs improvement or poor.
select
    event_id,
    event_name,
    app_id,
    platform,
    domain_userid,
    user_id,
    page_view_id,
    domain_sessionid,
    collector_tstamp,
    derived_tstamp,
    load_tstamp,
    coalesce(geo_country, 'unknown_geo_country') as geo_country,
    coalesce(page_url, 'unknown_page_url') as page_url,
    case when page_url like '%/product%' then 'PDP' when page_url like '%/list%' then 'PLP' when page_url like '%/checkout%' then 'checkout' when page_url like '%/home%' then 'homepage' else 'other' end as url_group,
    page_title,
    useragent,
    coalesce(device_class, 'unknown_device_class') as device_class,
    device_name,
    agent_name,
    agent_version,
    operating_system_name,
    lcp,
    fcp,
    fid,
    cls,
    inp,
    ttfb,
    navigation_type,
    row_number() over (partition by page_view_id order by derived_tstamp, dvce_created_tstamp, event_id) as dedupe_index,
    case when lcp is null then 'not measurable' when lcp < 2.5 then 'good' when lcp < 4 then 'needs improvement' else 'poor' end as lcp_result,
    case when fid is null then 'not measurable' when fid < 100 then 'good' when fid < 300 then 'needs improvement' else 'poor' end as fid_result,
    case when cls is null then 'not measurable' when cls < 0.1 then 'good' when cls < 0.25 then 'needs improvement' else 'poor' end as cls_result,
    case when ttfb is null then 'not measurable' when ttfb < 800 then 'good' when ttfb < 1800 then 'needs improvement' else 'poor' end as ttfb_result,
    case when inp is null then 'not measurable' when inp < 200 then 'good' when inp < 500 then 'needs improvement' else 'poor' end as inp_result
from "modelrunner_run"."main_scratch"."snowplow_web_vital_events_this_run"
qualify dedupe_index = 1
)
-- Web vitals per page view, upserted from this run's.
select *
from __mr_cte__snowplow_web_vitals_this_run
