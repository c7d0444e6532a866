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

    e.yauaa_agent_class as agent_class,

    e.yauaa_agent_name as agent_name,

    e.yauaa_agent_name_version as agent_name_version,

    e.yauaa_agent_name_version_major as agent_name_version_major,

    e.yauaa_agent_version as agent_version,

    e.yauaa_agent_version_major as agent_version_major,

    e.yauaa_device_brand as device_brand,

    e.yauaa_device_name as device_name,

    e.yauaa_device_version as device_version,

    e.yauaa_layout_engine_class as layout_engine_class,

    e.yauaa_layout_engine_name as layout_engine_name,

    e.yauaa_layout_engine_name_version as layout_engine_name_version,

    e.yauaa_layout_engine_name_version_major as layout_engine_name_version_major,

    e.yauaa_layout_engine_version as layout_engine_version,

    e.yauaa_layout_engine_version_major as layout_engine_version_major,

    e.yauaa_operating_system_class as operating_system_class,

    e.yauaa_operating_system_name as operating_system_name,

    e.yauaa_operating_system_name_version as operating_system_name_version,

    e.yauaa_operating_system_version as operating_system_version,

    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.lcp / 1000 as decimal(14,4)), 3) as double) as lcp,
    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.fcp as decimal(14,4)), 3) as double) as fcp,
    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.fid as decimal(14,4)), 3) as double) as fid,
    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.cls as decimal(14,4)), 3) as double) as cls,
    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.inp as decimal(14,4)), 3) as double) as inp,
    cast(ceil(cast(e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.ttfb as decimal(14,4)), 3) as double) as ttfb,
    e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.navigation_type
from `main`.`analytics_scratch`.`snowplow_web_base_events_this_run` as e
where e.event_name = 'web_vitals'
    and e.page_view_id is not null
    and e.unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1 is not null
    and not (e.useragent rlike '(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)')
    and ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_vital_events_this_run') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_vital_events_this_run'))
