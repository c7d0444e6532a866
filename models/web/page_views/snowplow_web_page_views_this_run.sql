{{ config tags: ["snowplow_web_incremental"] materialized: "ephemeral" schema: "scratch" }}
{{~
  ua = ["useragent_family", "useragent_major", "useragent_minor", "useragent_patch", "useragent_version", "os_family", "os_major", "os_minor", "os_patch", "os_patch_minor", "os_version", "device_family"]
  yauaa = ["agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
~}}
-- Ephemeral: its one reader, snowplow_web_page_views, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per page view of this run: the event snowplow_web_base_page_view_indexes_this_run keeps for it (decided on
-- narrow columns: the earliest page_view event of its page_view_id, bots filtered out) with its index in its session,
-- its wide row (see snowplow_web_indexed_page_views), and engaged time and scroll depth from its pings.
with indexed as (
{{ snowplow_web_indexed_page_views (ref "snowplow_web_base_page_view_indexes_this_run") (ref "snowplow_web_base_events_this_run") }}
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
    {{ snowplow_current_timestamp }} as model_tstamp,
    coalesce(t.engaged_time_in_s, 0) as engaged_time_in_s,
    {{ seconds_crossed "ev.derived_tstamp" "coalesce(t.end_tstamp, ev.derived_tstamp)" }} as absolute_time_in_s,
    sd.hmax as horizontal_pixels_scrolled,
    sd.vmax as vertical_pixels_scrolled,
    sd.relative_hmax as horizontal_percentage_scrolled,
    sd.relative_vmax as vertical_percentage_scrolled,
    ev.doc_width,
    ev.doc_height,
    {{ snowplow_web_content_group "ev.page_view_id" "ev.page_url" }} as content_group,
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
    {{ snowplow_web_channel_group "ev.mkt_source" "ev.mkt_medium" "ev.mkt_campaign" "sc.source_category" }} as default_channel_group,
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
    {{~ for field in ua }}
    ev.ua_{{ field }} as {{ field }},
    {{~ end }}
    ev.yauaa_device_class as device_class,
    {{ snowplow_web_device_category "ev.yauaa_device_class" }} as device_category,
    cast(ev.dvce_screenwidth as string) || 'x' || cast(ev.dvce_screenheight as string) as screen_resolution,
    {{~ for field in yauaa }}
    ev.yauaa_{{ field }} as {{ field }}{{ if !for.last }},{{ end }}
    {{~ end }}
from indexed as ev
left join {{ ref "snowplow_web_pv_engaged_time" }} as t
    on ev.page_view_id = t.page_view_id and ev.domain_sessionid = t.domain_sessionid
left join {{ ref "snowplow_web_pv_scroll_depth" }} as sd
    on ev.page_view_id = sd.page_view_id and ev.domain_sessionid = sd.domain_sessionid
left join {{ ref "dim_ga4_source_categories" }} as sc
    on lower(trim(ev.mkt_source)) = lower(sc.source)
