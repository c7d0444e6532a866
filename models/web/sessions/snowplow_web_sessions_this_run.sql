{{ config tags: ["snowplow_web_incremental"] materialized: "ephemeral" schema: "scratch" }}
{{~
  heartbeat = var "snowplow__heartbeat"
  min_visit = var "snowplow__min_visit_length"
  conversions = snowplow_web_conversions
  ua = ["useragent_family", "useragent_major", "useragent_minor", "useragent_patch", "useragent_version", "os_family", "os_major", "os_minor", "os_patch", "os_patch_minor", "os_version", "device_family"]
  yauaa = ["agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
  pages = ["title", "url", "urlscheme", "urlhost", "urlpath", "urlquery", "urlfragment"]
  order_columns = ["derived_tstamp", "dvce_created_tstamp", "event_id"]
  converted_flags = []
  for cv in conversions
    converted_flags = array.add(converted_flags, "cv.cv_" + cv.name + "_converted")
  end
~}}
-- Ephemeral: its one reader, snowplow_web_sessions, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per session of this run that has a page event: its first page event (a), last page view (b),
-- aggregates over all its events (c), event counts and conversions.
{{~ capture page_events ~}}
    from events as e
    where e.event_name in ('page_ping', 'page_view')
        and e.page_view_id is not null
{{~ end ~}}
{{~ capture page_views ~}}
    from events as e
    where e.event_name = 'page_view'
        and e.page_view_id is not null
{{~ end ~}}
with events as (
    select e.*
    from {{ ref "snowplow_web_base_events_this_run" }} as e
    where {{ snowplow_web_not_bot "e" }}
),

-- The first page event of each session, chosen on narrow columns and joined back by event_id (unique here) from the
-- events of the run themselves, not from `events`: a window carrying every column of the events made this model
-- slow, and `events`, read by every part below, is kept whole in memory (at 10M events, with every column firsts
-- reads, it filled the memory and spilled: 244 of a 367 s run).
{{ snowplow_first_per_key "first_events" "domain_sessionid" "event_id" page_events ["derived_tstamp", "dvce_created_tstamp", "event_id"] }},

firsts as (
    select
        e.*,
        sc.source_category,
        lang.name as br_lang_name,
        geo.name as geo_country_name,
        geo.region as geo_continent
    from first_events as f
    -- event_name again (the first events are page events): it reaches the scan of the wide rows
    inner join {{ ref "snowplow_web_base_events_this_run" }} as e
        on e.event_id = f.event_id and e.domain_sessionid = f.domain_sessionid and e.event_name in ('page_ping', 'page_view')
    left join {{ ref "dim_ga4_source_categories" }} as sc on lower(trim(e.mkt_source)) = lower(sc.source)
    left join {{ ref "dim_rfc_5646_language_mapping" }} as lang on lower(e.br_lang) = lower(lang.lang_tag)
    left join {{ ref "dim_geo_country_mapping" }} as geo on lower(e.geo_country) = lower(geo.alpha_2)
),

-- The last page view of each session, chosen on narrow columns too and its page and place read back the same way.
{{ snowplow_first_per_key "last_views" "domain_sessionid" "event_id" page_views ["derived_tstamp desc", "dvce_created_tstamp desc", "event_id"] }},

lasts as (
    select
        e.domain_sessionid,
        {{~ for page in pages }}
        e.page_{{ page }},
        {{~ end }}
        e.geo_country,
        e.geo_region_name,
        e.geo_city,
        e.br_lang,
        lang.name as br_lang_name,
        geo.name as geo_country_name,
        geo.region as geo_continent
    from last_views as l
    inner join {{ ref "snowplow_web_base_events_this_run" }} as e
        on e.event_id = l.event_id and e.domain_sessionid = l.domain_sessionid and e.event_name = 'page_view'
    left join {{ ref "dim_rfc_5646_language_mapping" }} as lang on lower(e.br_lang) = lower(lang.lang_tag)
    left join {{ ref "dim_geo_country_mapping" }} as geo on lower(e.geo_country) = lower(geo.alpha_2)
),

pings as (
    select
        domain_sessionid,
        count(distinct page_view_id) as pinged_page_views,
        count(distinct page_view_id || '-' || cast(floor({{ epoch_seconds "dvce_created_tstamp" }} / {{ heartbeat }}) as string)) as ping_buckets
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
    select domain_sessionid, '{' || {{ ordered_string_agg "'\"' || event_name || '\" :' || cast(n as string)" "', '" "event_name" }} || '}' as event_counts
    from (select domain_sessionid, event_name, count(*) as n from events group by domain_sessionid, event_name) as counted
    group by domain_sessionid
),

conversions as (
    select
        domain_sessionid
        {{~ for cv in conversions }}
        {{~ value = cv.value ? "coalesce(" + cv.value + ", " + (cv.default_value ?? 0) + ")" : null }}
        , count(*) filter (where {{ cv.condition }}) as cv_{{ cv.name }}_volume
        {{~ if cv.list_events }}
        , {{ ordered_list "event_id" order_columns cv.condition "string" }} as cv_{{ cv.name }}_events
        {{~ end }}
        {{~ if value }}
        , {{ ordered_list ("cast(" + value + " as double)") order_columns cv.condition "double" }} as cv_{{ cv.name }}_values
        , coalesce(sum(cast({{ value }} as double)) filter (where {{ cv.condition }}), 0) as cv_{{ cv.name }}_total
        {{~ end }}
        , min(derived_tstamp) filter (where {{ cv.condition }}) as cv_{{ cv.name }}_first_conversion
        , count(*) filter (where {{ cv.condition }}) > 0 as cv_{{ cv.name }}_converted
        {{~ end }}
    from events
    group by domain_sessionid
)

select
    a.app_id,
    a.platform,
    a.domain_sessionid,
    a.domain_sessionidx,
    case when a.event_name = 'page_ping' then {{ add_seconds "c.start_tstamp" (-min_visit) }} else c.start_tstamp end as start_tstamp,
    c.end_tstamp,
    {{ snowplow_current_timestamp }} as model_tstamp,
    a.user_id,
    a.domain_userid,
    {{ if var "snowplow__session_stitching" }}cast(a.domain_userid as string){{ else }}cast(null as string){{ end }} as stitched_user_id,
    a.network_userid,
    c.page_views,
    cast({{ heartbeat }} * (coalesce(p.ping_buckets, 0) - coalesce(p.pinged_page_views, 0)) + {{ min_visit }} * coalesce(p.pinged_page_views, 0) as bigint) as engaged_time_in_s,
    {{~ if var "snowplow__list_event_counts" }}
    ec.event_counts,
    {{~ end }}
    c.total_events,
    {{ snowplow_web_is_engaged "a.domain_sessionid" "c.page_views" ("(" + heartbeat + " * (coalesce(p.ping_buckets, 0) - coalesce(p.pinged_page_views, 0)) + " + min_visit + " * coalesce(p.pinged_page_views, 0))") converted_flags }} as is_engaged,
    {{ seconds_crossed "c.start_tstamp" "c.end_tstamp" }} + case when a.event_name = 'page_ping' then {{ min_visit }} else 0 end as absolute_time_in_s,
    {{~ for page in pages }}
    a.page_{{ page }} as first_page_{{ page }},
    {{~ end }}
    {{~ for page in pages }}
    case when b.page_url is null then coalesce(b.page_{{ page }}, a.page_{{ page }}) else b.page_{{ page }} end as last_page_{{ page }},
    {{~ end }}
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
    {{ snowplow_web_channel_group "a.mkt_source" "a.mkt_medium" "a.mkt_campaign" "a.source_category" }} as default_channel_group,
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
    {{~ for field in ["geo_country", "geo_region_name", "geo_city", "geo_country_name", "geo_continent"] }}
    case when b.geo_country is null then coalesce(b.{{ field }}, a.{{ field }}) else b.{{ field }} end as last_{{ field }},
    {{~ end }}
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
    {{~ for field in ua }}
    a.ua_{{ field }} as {{ field }},
    {{~ end }}
    a.yauaa_device_class as device_class,
    {{ snowplow_web_device_category "a.yauaa_device_class" }} as device_category,
    cast(a.dvce_screenwidth as string) || 'x' || cast(a.dvce_screenheight as string) as screen_resolution,
    {{~ for field in yauaa }}
    a.yauaa_{{ field }} as {{ field }}{{ if !for.last || conversions.size > 0 }},{{ end }}
    {{~ end }}
    {{~ for cv in conversions }}
    cv.cv_{{ cv.name }}_volume,
    {{~ if cv.list_events }}
    cv.cv_{{ cv.name }}_events,
    {{~ end }}
    {{~ if cv.value }}
    cv.cv_{{ cv.name }}_values,
    cv.cv_{{ cv.name }}_total,
    {{~ end }}
    cv.cv_{{ cv.name }}_first_conversion,
    cv.cv_{{ cv.name }}_converted{{ if !for.last || var "snowplow__total_all_conversions" }},{{ end }}
    {{~ end }}
    {{~ if conversions.size > 0 && var "snowplow__total_all_conversions" }}
    {{~ volumes = []; totals = ["0"]; for cv in conversions; volumes = array.add(volumes, "cv.cv_" + cv.name + "_volume"); if cv.value; totals = array.add(totals, "cv.cv_" + cv.name + "_total"); end; end }}
    {{ array.join volumes " + " }} as cv__all_volume,
    {{ array.join totals " + " }} as cv__all_total
    {{~ end }}
from firsts as a
inner join aggs as c on a.domain_sessionid = c.domain_sessionid
left join lasts as b on a.domain_sessionid = b.domain_sessionid
left join pings as p on a.domain_sessionid = p.domain_sessionid
left join event_counts as ec on a.domain_sessionid = ec.domain_sessionid
left join conversions as cv on a.domain_sessionid = cv.domain_sessionid
