-- Snowplow's screen-view check: each session of the screen views table has one screen_views_in_session value, and
-- no screen view index twice (the failing sessions are returned).
select session_id
from {{ ref "snowplow_mobile_screen_views" }}
group by session_id
having count(distinct screen_views_in_session) > 1
    or count(screen_view_in_session_index) <> count(distinct screen_view_in_session_index)
