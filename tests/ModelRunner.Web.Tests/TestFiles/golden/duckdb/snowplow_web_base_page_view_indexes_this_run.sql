-- Which event is each page view of the run and its place in its session, on narrow columns only: the earliest
-- page_view event of each page_view_id (bots filtered out), then its index among its session's page views. The page
-- views' wide rows are read once, by the table they are written into (snowplow_web_page_views_this_run, ephemeral),
-- so this decision is a table of its own, with the session's domain_userid, and on DuckDB each kept event's row of
-- atomic.events (see snowplow_kept_by_row).
with page_view_firsts_rows as (
    select event_row, collector_tstamp, page_view_id, event_id, domain_sessionid, domain_userid, derived_tstamp, dvce_created_tstamp
    from "main_scratch"."snowplow_web_base_events_this_run" as e
    where e.event_name = 'page_view'
        and e.page_view_id is not null
        and not regexp_matches(e.useragent, '(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)')
),

page_view_firsts_duplicated as (
    select page_view_id from page_view_firsts_rows group by page_view_id having count(*) > 1
),

page_view_firsts as (
    select r.*
    from page_view_firsts_rows as r
    anti join page_view_firsts_duplicated as d on r.page_view_id is not distinct from d.page_view_id
    union all
    select r.*
    from page_view_firsts_rows as r
    semi join page_view_firsts_duplicated as d on r.page_view_id is not distinct from d.page_view_id
    qualify row_number() over (partition by r.page_view_id order by r.derived_tstamp, r.dvce_created_tstamp, r.event_id) = 1
)

select
    event_row, collector_tstamp, event_id,
    page_view_id,
    domain_sessionid,
    domain_userid,
    row_number() over (partition by domain_sessionid order by derived_tstamp, dvce_created_tstamp, event_id) as page_view_in_session_index,
    count(*) over (partition by domain_sessionid) as page_views_in_session
from page_view_firsts
