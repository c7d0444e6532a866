with __mr_cte__snowplow_web_sessions_this_run as (
-- Ephemeral: its one reader, snowplow_web_sessions, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per session of this run that has a page event: its first page event (a), last page view (b),
-- aggregates over all its events (c), event counts and conversions.
with events as (
    select e.*
    from "main_scratch"."snowplow_web_base_events_this_run" as e
    where not regexp_matches(e.useragent, '(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)')
),

-- The first page event of each session, chosen on narrow columns and joined back by event_id (unique here) from the
-- events of the run themselves, not from `events`: a window carrying every column of the events made this model
-- slow, and `events`, read by every part below, is kept whole in memory (at 10M events, with every column firsts
-- reads, it filled the memory and spilled: 244 of a 367 s run).
first_events as (
    select
        e.domain_sessionid,
        arg_min(e.event_id, struct_pack(o0 := e.derived_tstamp, o1 := e.dvce_created_tstamp, o2 := e.event_id)) as event_id
    from events as e
    where e.event_name in ('page_ping', 'page_view')
        and e.page_view_id is not null
    group by e.domain_sessionid
),

firsts as (
    select
        e.*,
        sc.source_category,
        lang.name as br_lang_name,
        geo.name as geo_country_name,
        geo.region as geo_continent
    from first_events as f
    -- event_name again (the first events are page events): it reaches the scan of the wide rows
    inner join "main_scratch"."snowplow_web_base_events_this_run" as e
        on e.event_id = f.event_id and e.domain_sessionid = f.domain_sessionid and e.event_name in ('page_ping', 'page_view')
    left join "main"."dim_ga4_source_categories" as sc on lower(trim(e.mkt_source)) = lower(sc.source)
    left join "main"."dim_rfc_5646_language_mapping" as lang on lower(e.br_lang) = lower(lang.lang_tag)
    left join "main"."dim_geo_country_mapping" as geo on lower(e.geo_country) = lower(geo.alpha_2)
),

-- The last page view of each session, chosen on narrow columns too and its page and place read back the same way.
last_views as (
    select
        e.domain_sessionid,
        arg_min(e.event_id, struct_pack(o0 := -epoch_us(e.derived_tstamp), o1 := -epoch_us(e.dvce_created_tstamp), o2 := e.event_id)) as event_id
    from events as e
    where e.event_name = 'page_view'
        and e.page_view_id is not null
    group by e.domain_sessionid
),

lasts as (
    select
        e.domain_sessionid,

        e.page_title,

        e.page_url,

        e.page_urlscheme,

        e.page_urlhost,

        e.page_urlpath,

        e.page_urlquery,

        e.page_urlfragment,

        e.geo_country,
        e.geo_region_name,
        e.geo_city,
        e.br_lang,
        lang.name as br_lang_name,
        geo.name as geo_country_name,
        geo.region as geo_continent
    from last_views as l
    inner join "main_scratch"."snowplow_web_base_events_this_run" as e
        on e.event_id = l.event_id and e.domain_sessionid = l.domain_sessionid and e.event_name = 'page_view'
    left join "main"."dim_rfc_5646_language_mapping" as lang on lower(e.br_lang) = lower(lang.lang_tag)
    left join "main"."dim_geo_country_mapping" as geo on lower(e.geo_country) = lower(geo.alpha_2)
),

pings as (
    select
        domain_sessionid,
        count(distinct page_view_id) as pinged_page_views,
        count(distinct page_view_id || '-' || cast(floor(epoch(dvce_created_tstamp) / 10) as string)) as ping_buckets
    from events
    where event_name = 'page_ping' and page_view_id is not null
    group by domain_sessionid
),

aggs as (
    select
        e.domain_sessionid,
        min(e.derived_tstamp) as start_tstamp,
        max(e.derived_tstamp) as end_tstamp,
        count(*) as total_events,
        count(distinct case when e.event_name in ('page_view', 'page_ping') and e.page_view_id is not null then e.page_view_id end) as page_views
    from events as e
    group by e.domain_sessionid
),

event_counts as (
    select domain_sessionid, '{' || string_agg('"' || event_name || '" :' || cast(n as string), ', ' order by event_name) || '}' as event_counts
    from (select domain_sessionid, event_name, count(*) as n from events group by domain_sessionid, event_name) as counted
    group by domain_sessionid
),

conversions as (
    select
        domain_sessionid

    from events
    group by domain_sessionid
)

select
    a.app_id,
    a.platform,
    a.domain_sessionid,
    a.domain_sessionidx,
    case when a.event_name = 'page_ping' then (c.start_tstamp + interval (-5) second) else c.start_tstamp end as start_tstamp,
    c.end_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    a.user_id,
    a.domain_userid,
    cast(a.domain_userid as string) as stitched_user_id,
    a.network_userid,
    c.page_views,
    cast(10 * (coalesce(p.ping_buckets, 0) - coalesce(p.pinged_page_views, 0)) + 5 * coalesce(p.pinged_page_views, 0) as bigint) as engaged_time_in_s,

    c.total_events,
    (c.page_views >= 2 or (10 * (coalesce(p.ping_buckets, 0) - coalesce(p.pinged_page_views, 0)) + 5 * coalesce(p.pinged_page_views, 0)) / 10 >= 2) as is_engaged,
    cast(floor(epoch(c.end_tstamp)) - floor(epoch(c.start_tstamp)) as bigint) + case when a.event_name = 'page_ping' then 5 else 0 end as absolute_time_in_s,

    a.page_title as first_page_title,

    a.page_url as first_page_url,

    a.page_urlscheme as first_page_urlscheme,

    a.page_urlhost as first_page_urlhost,

    a.page_urlpath as first_page_urlpath,

    a.page_urlquery as first_page_urlquery,

    a.page_urlfragment as first_page_urlfragment,


    case when b.page_url is null then coalesce(b.page_title, a.page_title) else b.page_title end as last_page_title,

    case when b.page_url is null then coalesce(b.page_url, a.page_url) else b.page_url end as last_page_url,

    case when b.page_url is null then coalesce(b.page_urlscheme, a.page_urlscheme) else b.page_urlscheme end as last_page_urlscheme,

    case when b.page_url is null then coalesce(b.page_urlhost, a.page_urlhost) else b.page_urlhost end as last_page_urlhost,

    case when b.page_url is null then coalesce(b.page_urlpath, a.page_urlpath) else b.page_urlpath end as last_page_urlpath,

    case when b.page_url is null then coalesce(b.page_urlquery, a.page_urlquery) else b.page_urlquery end as last_page_urlquery,

    case when b.page_url is null then coalesce(b.page_urlfragment, a.page_urlfragment) else b.page_urlfragment end as last_page_urlfragment,

    a.page_referrer as referrer,
    a.refr_urlscheme,
    a.refr_urlhost,
    a.refr_urlpath,
    a.refr_urlquery,
    a.refr_urlfragment,
    a.refr_medium,
    a.refr_source,
    a.refr_term,
    a.mkt_medium,
    a.mkt_source,
    a.mkt_term,
    a.mkt_content,
    a.mkt_campaign,
    a.mkt_clickid,
    a.mkt_network,
    nullif(regexp_extract(a.page_urlquery, 'utm_source_platform=([^?&#]*)', 1), '') as mkt_source_platform,
    case when lower(trim(a.mkt_source)) = '(direct)' and lower(trim(a.mkt_medium)) in ('(not set)', '(none)') then 'Direct' when lower(trim(a.mkt_medium)) like '%cross-network%' then 'Cross-network' when regexp_matches(lower(trim(a.mkt_medium)), '^(.*cp.*|ppc|retargeting|paid.*)$') then case when upper(a.source_category) = 'SOURCE_CATEGORY_SHOPPING' or (lower(trim(a.mkt_campaign)) like '%shopping%' or regexp_matches(lower(trim(a.mkt_campaign)), '(^|[^a-df-z])shop')) then 'Paid Shopping' when upper(a.source_category) = 'SOURCE_CATEGORY_SEARCH' then 'Paid Search' when upper(a.source_category) = 'SOURCE_CATEGORY_SOCIAL' then 'Paid Social' when upper(a.source_category) = 'SOURCE_CATEGORY_VIDEO' then 'Paid Video' else 'Paid Other' end when lower(trim(a.mkt_medium)) in ('display', 'banner', 'expandable', 'intersitial', 'cpm') then 'Display' when upper(a.source_category) = 'SOURCE_CATEGORY_SHOPPING' or (lower(trim(a.mkt_campaign)) like '%shopping%' or regexp_matches(lower(trim(a.mkt_campaign)), '(^|[^a-df-z])shop')) then 'Organic Shopping' when upper(a.source_category) = 'SOURCE_CATEGORY_SOCIAL' or lower(trim(a.mkt_medium)) in ('social', 'social-network', 'sm', 'social network', 'social media') then 'Organic Social' when upper(a.source_category) = 'SOURCE_CATEGORY_VIDEO' or lower(trim(a.mkt_medium)) like '%video%' then 'Organic Video' when upper(a.source_category) = 'SOURCE_CATEGORY_SEARCH' or lower(trim(a.mkt_medium)) = 'organic' then 'Organic Search' when lower(trim(a.mkt_medium)) in ('referral', 'app', 'link') then 'Referral' when lower(trim(a.mkt_source)) in ('email', 'e-mail', 'e_mail', 'e mail') or lower(trim(a.mkt_medium)) in ('email', 'e-mail', 'e_mail', 'e mail') then 'Email' when lower(trim(a.mkt_medium)) = 'affiliate' then 'Affiliates' when lower(trim(a.mkt_medium)) = 'audio' then 'Audio' when lower(trim(a.mkt_source)) = 'sms' or lower(trim(a.mkt_medium)) = 'sms' then 'SMS' when lower(trim(a.mkt_medium)) like '%push' or lower(trim(a.mkt_medium)) like '%mobile%' or lower(trim(a.mkt_medium)) like '%notification%' or lower(trim(a.mkt_source)) = 'firebase' then 'Mobile Push Notifications' else 'Unassigned' end as default_channel_group,
    a.geo_country,
    a.geo_region,
    a.geo_region_name,
    a.geo_city,
    a.geo_zipcode,
    a.geo_latitude,
    a.geo_longitude,
    a.geo_timezone,
    a.geo_country_name,
    a.geo_continent,

    case when b.geo_country is null then coalesce(b.geo_country, a.geo_country) else b.geo_country end as last_geo_country,

    case when b.geo_country is null then coalesce(b.geo_region_name, a.geo_region_name) else b.geo_region_name end as last_geo_region_name,

    case when b.geo_country is null then coalesce(b.geo_city, a.geo_city) else b.geo_city end as last_geo_city,

    case when b.geo_country is null then coalesce(b.geo_country_name, a.geo_country_name) else b.geo_country_name end as last_geo_country_name,

    case when b.geo_country is null then coalesce(b.geo_continent, a.geo_continent) else b.geo_continent end as last_geo_continent,

    a.user_ipaddress,
    a.useragent,
    a.br_renderengine,
    a.br_lang,
    a.br_lang_name,
    case when b.br_lang is null then coalesce(b.br_lang, a.br_lang) else b.br_lang end as last_br_lang,
    case when b.br_lang is null then coalesce(b.br_lang_name, a.br_lang_name) else b.br_lang_name end as last_br_lang_name,
    a.os_timezone,
    a.iab_category as category,
    a.iab_primary_impact as primary_impact,
    a.iab_reason as reason,
    a.iab_spider_or_robot as spider_or_robot,

    a.ua_useragent_family as useragent_family,

    a.ua_useragent_major as useragent_major,

    a.ua_useragent_minor as useragent_minor,

    a.ua_useragent_patch as useragent_patch,

    a.ua_useragent_version as useragent_version,

    a.ua_os_family as os_family,

    a.ua_os_major as os_major,

    a.ua_os_minor as os_minor,

    a.ua_os_patch as os_patch,

    a.ua_os_patch_minor as os_patch_minor,

    a.ua_os_version as os_version,

    a.ua_device_family as device_family,

    a.yauaa_device_class as device_class,
    case a.yauaa_device_class when 'Desktop' then 'Desktop' when 'Phone' then 'Mobile' when 'Tablet' then 'Tablet' else 'Other' end as device_category,
    cast(a.dvce_screenwidth as string) || 'x' || cast(a.dvce_screenheight as string) as screen_resolution,

    a.yauaa_agent_class as agent_class,

    a.yauaa_agent_name as agent_name,

    a.yauaa_agent_name_version as agent_name_version,

    a.yauaa_agent_name_version_major as agent_name_version_major,

    a.yauaa_agent_version as agent_version,

    a.yauaa_agent_version_major as agent_version_major,

    a.yauaa_device_brand as device_brand,

    a.yauaa_device_name as device_name,

    a.yauaa_device_version as device_version,

    a.yauaa_layout_engine_class as layout_engine_class,

    a.yauaa_layout_engine_name as layout_engine_name,

    a.yauaa_layout_engine_name_version as layout_engine_name_version,

    a.yauaa_layout_engine_name_version_major as layout_engine_name_version_major,

    a.yauaa_layout_engine_version as layout_engine_version,

    a.yauaa_layout_engine_version_major as layout_engine_version_major,

    a.yauaa_operating_system_class as operating_system_class,

    a.yauaa_operating_system_name as operating_system_name,

    a.yauaa_operating_system_name_version as operating_system_name_version,

    a.yauaa_operating_system_version as operating_system_version



from firsts as a
inner join aggs as c on a.domain_sessionid = c.domain_sessionid
left join lasts as b on a.domain_sessionid = b.domain_sessionid
left join pings as p on a.domain_sessionid = p.domain_sessionid
left join event_counts as ec on a.domain_sessionid = ec.domain_sessionid
left join conversions as cv on a.domain_sessionid = cv.domain_sessionid
)
-- Sessions, upserted from this run's sessions; the post-hook stitches every session to the latest user_id of its
-- domain_userid in "main_derived"."snowplow_web_user_mapping".
select *
from __mr_cte__snowplow_web_sessions_this_run

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_sessions') is null or (select upper_limit from "main_scratch"."snowplow_web_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_sessions'))
