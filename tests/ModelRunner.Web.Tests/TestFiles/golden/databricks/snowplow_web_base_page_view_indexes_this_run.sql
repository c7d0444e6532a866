-- Which event is each page view of the run and its place in its session, on narrow columns only: the earliest
-- page_view event of each page_view_id (bots filtered out), then its index among its session's page views. The page
-- views' wide rows are read once, by the table they are written into (snowplow_web_page_views_this_run, ephemeral),
-- so this decision is a table of its own, with the session's domain_userid, and on DuckDB each kept event's row of
-- atomic.events (see snowplow_kept_by_row).
with page_view_firsts as (
    select page_view_id, event_id, domain_sessionid, domain_userid, derived_tstamp, dvce_created_tstamp
    from `main`.`analytics_scratch`.`snowplow_web_base_events_this_run` as e
    where e.event_name = 'page_view'
        and e.page_view_id is not null
        and not (e.useragent rlike '(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)')
    qualify row_number() over (partition by page_view_id order by derived_tstamp, dvce_created_tstamp, event_id) = 1
)

select
    event_id,
    page_view_id,
    domain_sessionid,
    domain_userid,
    row_number() over (partition by domain_sessionid order by derived_tstamp, dvce_created_tstamp, event_id) as page_view_in_session_index,
    count(*) over (partition by domain_sessionid) as page_views_in_session
from page_view_firsts
