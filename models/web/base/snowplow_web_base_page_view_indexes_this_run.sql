{{ config materialized: "table" schema: "scratch" run_scoped: true }}
-- Which event is each page view of the run and its place in its session, on narrow columns only: the earliest
-- page_view event of each page_view_id (bots filtered out), then its index among its session's page views. The page
-- views' wide rows are read once, by the table they are written into (snowplow_web_page_views_this_run, ephemeral),
-- so this decision is a table of its own, with the session's domain_userid, and on DuckDB each kept event's row of
-- atomic.events (see snowplow_kept_by_row).
{{~ capture page_views ~}}
    select {{ snowplow_kept_row_keys }}page_view_id, event_id, domain_sessionid, domain_userid, derived_tstamp, dvce_created_tstamp
    from {{ ref "snowplow_web_base_events_this_run" }} as e
    where e.event_name = 'page_view'
        and e.page_view_id is not null
        and {{ snowplow_web_not_bot "e" }}
{{~ end ~}}
with {{ snowplow_first_of_each "page_view_firsts" page_views "page_view_id" ["derived_tstamp", "dvce_created_tstamp", "event_id"] }}

select
    {{ snowplow_kept_row_keys }}event_id,
    page_view_id,
    domain_sessionid,
    domain_userid,
    row_number() over (partition by domain_sessionid order by derived_tstamp, dvce_created_tstamp, event_id) as page_view_in_session_index,
    count(*) over (partition by domain_sessionid) as page_views_in_session
from page_view_firsts
