-- Which copy of each screen view the run keeps and its place in its session, on narrow columns only: the copy with
-- the earliest derived_tstamp across the whole run (it decides the session), then its index among its session's
-- screen views. The screen views' wide rows are read once, by the table they are written into (see
-- snowplow_mobile_screen_views_this_run, ephemeral), so this decision is a table of its own, with the three short
-- strings the sessions' screen-view details read besides (joining the wide rows back for them took 12 s at 10M events),
-- and on DuckDB each kept copy's row of atomic.events (see snowplow_kept_by_row).
with firsts as (
    select screen_view_id, event_id, session_id, derived_tstamp, screen_view_name, screen_view_transition_type, screen_view_type
    from `main`.`analytics_scratch`.`snowplow_mobile_base_events_this_run`
    where event_name = 'screen_view'
        and screen_view_id is not null
    qualify row_number() over (partition by screen_view_id order by derived_tstamp, event_id) = 1
)

select
    event_id,
    screen_view_id,
    session_id,
    screen_view_name,
    screen_view_transition_type,
    screen_view_type,
    row_number() over (partition by session_id order by derived_tstamp, event_id) as screen_view_in_session_index,
    count(*) over (partition by session_id) as screen_views_in_session
from firsts
