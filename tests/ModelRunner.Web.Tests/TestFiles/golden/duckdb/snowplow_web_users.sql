with __mr_cte__snowplow_web_users_this_run as (
-- Ephemeral: its one reader, snowplow_web_users, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per user touched this run: identity and first-session fields from the first session (f), totals from
-- the aggregates, last_* from the last session.
select
    f.user_id,
    a.domain_userid,
    f.network_userid,
    a.start_tstamp,
    a.end_tstamp,
    cast(get_current_timestamp() at time zone 'UTC' as timestamp) as model_tstamp,
    a.page_views,
    a.sessions,
    a.engaged_time_in_s,
    f.first_page_title,
    f.first_page_url,
    f.first_page_urlscheme,
    f.first_page_urlhost,
    f.first_page_urlpath,
    f.first_page_urlquery,
    f.first_page_urlfragment,
    f.geo_country as first_geo_country,
    f.geo_country_name as first_geo_country_name,
    f.geo_continent as first_geo_continent,
    f.geo_city as first_geo_city,
    f.geo_region_name as first_geo_region_name,
    f.br_lang as first_br_lang,
    f.br_lang_name as first_br_lang_name,
    l.last_page_title,
    l.last_page_url,
    l.last_page_urlscheme,
    l.last_page_urlhost,
    l.last_page_urlpath,
    l.last_page_urlquery,
    l.last_page_urlfragment,
    l.last_geo_country,
    l.last_geo_country_name,
    l.last_geo_continent,
    l.last_geo_city,
    l.last_geo_region_name,
    l.last_br_lang,
    l.last_br_lang_name,
    f.referrer,
    f.refr_urlscheme,
    f.refr_urlhost,
    f.refr_urlpath,
    f.refr_urlquery,
    f.refr_urlfragment,
    f.refr_medium,
    f.refr_source,
    f.refr_term,
    f.mkt_medium,
    f.mkt_source,
    f.mkt_term,
    f.mkt_content,
    f.mkt_campaign,
    f.mkt_clickid,
    f.mkt_network,
    f.mkt_source_platform,
    f.default_channel_group
from "modelrunner_run"."main_scratch"."snowplow_web_users_aggs" as a
inner join "modelrunner_run"."main_scratch"."snowplow_web_users_sessions_this_run" as f on a.first_domain_sessionid = f.domain_sessionid
inner join "modelrunner_run"."main_scratch"."snowplow_web_users_lasts" as l on a.domain_userid = l.domain_userid
)
-- Users, upserted from the users this run touched (only when the run has events this table has not processed).
select *
from __mr_cte__snowplow_web_users_this_run
