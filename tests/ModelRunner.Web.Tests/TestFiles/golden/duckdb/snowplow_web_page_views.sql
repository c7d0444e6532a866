with __mr_cte__snowplow_web_page_views_this_run as (
-- Ephemeral: its one reader, snowplow_web_page_views, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per page view of this run: the event snowplow_web_base_page_view_indexes_this_run keeps for it (decided on
-- narrow columns: the earliest page_view event of its page_view_id, bots filtered out) with its index in its session,
-- its wide row (see snowplow_web_indexed_page_views), and engaged time and scroll depth from its pings.
with indexed as (
select
    e.contexts_com_snowplowanalytics_snowplow_web_page_1[1].id as page_view_id,
    k.domain_userid,
    e.* exclude (domain_userid, contexts_com_snowplowanalytics_snowplow_web_page_1) replace (k.event_id as event_id),

    cast(null as string) as iab_category,

    cast(null as string) as iab_primary_impact,

    cast(null as string) as iab_reason,

    cast(null as boolean) as iab_spider_or_robot,


    cast(null as string) as ua_useragent_family,

    cast(null as string) as ua_useragent_major,

    cast(null as string) as ua_useragent_minor,

    cast(null as string) as ua_useragent_patch,

    cast(null as string) as ua_useragent_version,

    cast(null as string) as ua_os_family,

    cast(null as string) as ua_os_major,

    cast(null as string) as ua_os_minor,

    cast(null as string) as ua_os_patch,

    cast(null as string) as ua_os_patch_minor,

    cast(null as string) as ua_os_version,

    cast(null as string) as ua_device_family,


    cast(null as string) as yauaa_device_class,

    cast(null as string) as yauaa_agent_class,

    cast(null as string) as yauaa_agent_name,

    cast(null as string) as yauaa_agent_name_version,

    cast(null as string) as yauaa_agent_name_version_major,

    cast(null as string) as yauaa_agent_version,

    cast(null as string) as yauaa_agent_version_major,

    cast(null as string) as yauaa_device_brand,

    cast(null as string) as yauaa_device_name,

    cast(null as string) as yauaa_device_version,

    cast(null as string) as yauaa_layout_engine_class,

    cast(null as string) as yauaa_layout_engine_name,

    cast(null as string) as yauaa_layout_engine_name_version,

    cast(null as string) as yauaa_layout_engine_name_version_major,

    cast(null as string) as yauaa_layout_engine_version,

    cast(null as string) as yauaa_layout_engine_version_major,

    cast(null as string) as yauaa_operating_system_class,

    cast(null as string) as yauaa_operating_system_name,

    cast(null as string) as yauaa_operating_system_name_version,

    cast(null as string) as yauaa_operating_system_version,


    k.page_view_in_session_index,

    k.page_views_in_session

from "atomic"."events" as e
inner join "modelrunner_run"."main_scratch"."snowplow_web_base_page_view_indexes_this_run" as k on e.rowid = k.event_row and e.collector_tstamp = k.collector_tstamp
where true

)

select
    ev.page_view_id,
    ev.event_id,
    ev.app_id,
    ev.platform,
    ev.user_id,
    ev.domain_userid,
    ev.network_userid,
    ev.domain_sessionid,
    ev.domain_sessionidx,
    ev.page_view_in_session_index,
    ev.page_views_in_session,
    ev.dvce_created_tstamp,
    ev.collector_tstamp,
    ev.derived_tstamp,
    ev.derived_tstamp as start_tstamp,
    coalesce(t.end_tstamp, ev.derived_tstamp) as end_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    coalesce(t.engaged_time_in_s, 0) as engaged_time_in_s,
    cast(floor(epoch(coalesce(t.end_tstamp, ev.derived_tstamp))) - floor(epoch(ev.derived_tstamp)) as bigint) as absolute_time_in_s,
    sd.hmax as horizontal_pixels_scrolled,
    sd.vmax as vertical_pixels_scrolled,
    sd.relative_hmax as horizontal_percentage_scrolled,
    sd.relative_vmax as vertical_percentage_scrolled,
    ev.doc_width,
    ev.doc_height,
    case when ev.page_url like '%/product%' then 'PDP' when ev.page_url like '%/list%' then 'PLP' when ev.page_url like '%/checkout%' then 'checkout' when ev.page_url like '%/home%' then 'homepage' else 'other' end as content_group,
    ev.page_title,
    ev.page_url,
    ev.page_urlscheme,
    ev.page_urlhost,
    ev.page_urlpath,
    ev.page_urlquery,
    ev.page_urlfragment,
    ev.mkt_medium,
    ev.mkt_source,
    ev.mkt_term,
    ev.mkt_content,
    ev.mkt_campaign,
    ev.mkt_clickid,
    ev.mkt_network,
    case when lower(trim(ev.mkt_source)) = '(direct)' and lower(trim(ev.mkt_medium)) in ('(not set)', '(none)') then 'Direct' when lower(trim(ev.mkt_medium)) like '%cross-network%' then 'Cross-network' when regexp_matches(lower(trim(ev.mkt_medium)), '^(.*cp.*|ppc|retargeting|paid.*)$') then case when upper(sc.source_category) = 'SOURCE_CATEGORY_SHOPPING' or (lower(trim(ev.mkt_campaign)) like '%shopping%' or regexp_matches(lower(trim(ev.mkt_campaign)), '(^|[^a-df-z])shop')) then 'Paid Shopping' when upper(sc.source_category) = 'SOURCE_CATEGORY_SEARCH' then 'Paid Search' when upper(sc.source_category) = 'SOURCE_CATEGORY_SOCIAL' then 'Paid Social' when upper(sc.source_category) = 'SOURCE_CATEGORY_VIDEO' then 'Paid Video' else 'Paid Other' end when lower(trim(ev.mkt_medium)) in ('display', 'banner', 'expandable', 'intersitial', 'cpm') then 'Display' when upper(sc.source_category) = 'SOURCE_CATEGORY_SHOPPING' or (lower(trim(ev.mkt_campaign)) like '%shopping%' or regexp_matches(lower(trim(ev.mkt_campaign)), '(^|[^a-df-z])shop')) then 'Organic Shopping' when upper(sc.source_category) = 'SOURCE_CATEGORY_SOCIAL' or lower(trim(ev.mkt_medium)) in ('social', 'social-network', 'sm', 'social network', 'social media') then 'Organic Social' when upper(sc.source_category) = 'SOURCE_CATEGORY_VIDEO' or lower(trim(ev.mkt_medium)) like '%video%' then 'Organic Video' when upper(sc.source_category) = 'SOURCE_CATEGORY_SEARCH' or lower(trim(ev.mkt_medium)) = 'organic' then 'Organic Search' when lower(trim(ev.mkt_medium)) in ('referral', 'app', 'link') then 'Referral' when lower(trim(ev.mkt_source)) in ('email', 'e-mail', 'e_mail', 'e mail') or lower(trim(ev.mkt_medium)) in ('email', 'e-mail', 'e_mail', 'e mail') then 'Email' when lower(trim(ev.mkt_medium)) = 'affiliate' then 'Affiliates' when lower(trim(ev.mkt_medium)) = 'audio' then 'Audio' when lower(trim(ev.mkt_source)) = 'sms' or lower(trim(ev.mkt_medium)) = 'sms' then 'SMS' when lower(trim(ev.mkt_medium)) like '%push' or lower(trim(ev.mkt_medium)) like '%mobile%' or lower(trim(ev.mkt_medium)) like '%notification%' or lower(trim(ev.mkt_source)) = 'firebase' then 'Mobile Push Notifications' else 'Unassigned' end as default_channel_group,
    ev.page_referrer,
    ev.refr_urlscheme,
    ev.refr_urlhost,
    ev.refr_urlpath,
    ev.refr_urlquery,
    ev.refr_urlfragment,
    ev.refr_medium,
    ev.refr_source,
    ev.refr_term,
    ev.geo_country,
    ev.geo_region,
    ev.geo_region_name,
    ev.geo_city,
    ev.geo_zipcode,
    ev.geo_latitude,
    ev.geo_longitude,
    ev.geo_timezone,
    ev.user_ipaddress,
    ev.useragent,
    ev.br_lang,
    ev.br_viewwidth,
    ev.br_viewheight,
    ev.br_colordepth,
    ev.br_renderengine,
    ev.os_timezone,
    ev.iab_category as category,
    ev.iab_primary_impact as primary_impact,
    ev.iab_reason as reason,
    ev.iab_spider_or_robot as spider_or_robot,

    ev.ua_useragent_family as useragent_family,

    ev.ua_useragent_major as useragent_major,

    ev.ua_useragent_minor as useragent_minor,

    ev.ua_useragent_patch as useragent_patch,

    ev.ua_useragent_version as useragent_version,

    ev.ua_os_family as os_family,

    ev.ua_os_major as os_major,

    ev.ua_os_minor as os_minor,

    ev.ua_os_patch as os_patch,

    ev.ua_os_patch_minor as os_patch_minor,

    ev.ua_os_version as os_version,

    ev.ua_device_family as device_family,

    ev.yauaa_device_class as device_class,
    case ev.yauaa_device_class when 'Desktop' then 'Desktop' when 'Phone' then 'Mobile' when 'Tablet' then 'Tablet' else 'Other' end as device_category,
    cast(ev.dvce_screenwidth as string) || 'x' || cast(ev.dvce_screenheight as string) as screen_resolution,

    ev.yauaa_agent_class as agent_class,

    ev.yauaa_agent_name as agent_name,

    ev.yauaa_agent_name_version as agent_name_version,

    ev.yauaa_agent_name_version_major as agent_name_version_major,

    ev.yauaa_agent_version as agent_version,

    ev.yauaa_agent_version_major as agent_version_major,

    ev.yauaa_device_brand as device_brand,

    ev.yauaa_device_name as device_name,

    ev.yauaa_device_version as device_version,

    ev.yauaa_layout_engine_class as layout_engine_class,

    ev.yauaa_layout_engine_name as layout_engine_name,

    ev.yauaa_layout_engine_name_version as layout_engine_name_version,

    ev.yauaa_layout_engine_name_version_major as layout_engine_name_version_major,

    ev.yauaa_layout_engine_version as layout_engine_version,

    ev.yauaa_layout_engine_version_major as layout_engine_version_major,

    ev.yauaa_operating_system_class as operating_system_class,

    ev.yauaa_operating_system_name as operating_system_name,

    ev.yauaa_operating_system_name_version as operating_system_name_version,

    ev.yauaa_operating_system_version as operating_system_version

from indexed as ev
left join "modelrunner_run"."main_scratch"."snowplow_web_pv_engaged_time" as t
    on ev.page_view_id = t.page_view_id and ev.domain_sessionid = t.domain_sessionid
left join "modelrunner_run"."main_scratch"."snowplow_web_pv_scroll_depth" as sd
    on ev.page_view_id = sd.page_view_id and ev.domain_sessionid = sd.domain_sessionid
left join "main"."dim_ga4_source_categories" as sc
    on lower(trim(ev.mkt_source)) = lower(sc.source)
)
-- Page views, upserted from this run's page views (only when the run has events this table has not processed).
select *
from __mr_cte__snowplow_web_page_views_this_run
