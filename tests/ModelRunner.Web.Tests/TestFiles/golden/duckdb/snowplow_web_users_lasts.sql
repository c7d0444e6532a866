-- The last_* fields of each user's last session.
select
    a.domain_userid,
    s.last_page_title,
    s.last_page_url,
    s.last_page_urlscheme,
    s.last_page_urlhost,
    s.last_page_urlpath,
    s.last_page_urlquery,
    s.last_page_urlfragment,
    s.last_geo_country,
    s.last_geo_country_name,
    s.last_geo_continent,
    s.last_geo_city,
    s.last_geo_region_name,
    s.last_br_lang,
    s.last_br_lang_name
from "modelrunner_run"."main_scratch"."snowplow_web_users_aggs" as a
inner join "modelrunner_run"."main_scratch"."snowplow_web_users_sessions_this_run" as s on a.last_domain_sessionid = s.domain_sessionid
