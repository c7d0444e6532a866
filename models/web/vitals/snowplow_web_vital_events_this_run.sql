{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_cwv") materialized: "table" schema: "scratch" run_scoped: true }}
{{~
  v = "e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1"
  yauaa = ["agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
~}}
-- This run's web_vitals events with their metrics normalised (lcp in seconds; values rounded up to 3 decimals).
select
    e.event_id,
    e.event_name,
    e.app_id,
    e.platform,
    e.domain_userid,
    e.user_id,
    e.page_view_id,
    e.domain_sessionid,
    e.collector_tstamp,
    e.derived_tstamp,
    e.dvce_created_tstamp,
    e.load_tstamp,
    e.geo_country,
    e.page_url,
    e.page_title,
    e.useragent,
    lower(e.yauaa_device_class) as device_class,
    {{~ for field in yauaa }}
    e.yauaa_{{ field }} as {{ field }},
    {{~ end }}
    {{ snowplow_web_vital_metric (v + ".lcp / 1000") }} as lcp,
    {{ snowplow_web_vital_metric (v + ".fcp") }} as fcp,
    {{ snowplow_web_vital_metric (v + ".fid") }} as fid,
    {{ snowplow_web_vital_metric (v + ".cls") }} as cls,
    {{ snowplow_web_vital_metric (v + ".inp") }} as inp,
    {{ snowplow_web_vital_metric (v + ".ttfb") }} as ttfb,
    {{ v }}.navigation_type
from {{ ref "snowplow_web_base_events_this_run" }} as e
where e.event_name = 'web_vitals'
    and e.page_view_id is not null
    and {{ v }} is not null
    and {{ snowplow_web_not_bot "e" }}
    and {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_vital_events_this_run" }}
    {{~ if var "snowplow__enable_iab" }}
    and not (e.iab_spider_or_robot = true)
    {{~ end }}
