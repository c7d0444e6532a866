-- Per session with screen views in this run: how many, how many names, and the first and last screen view (from the
-- run's picks of screen views and their indexes, which hold the three names it reads).
select
    session_id,
    count(distinct screen_view_id) as screen_views,
    count(distinct screen_view_name) as screen_names_viewed,
    max(case when screen_view_in_session_index = 1 then screen_view_name end) as first_screen_view_name,
    max(case when screen_view_in_session_index = 1 then screen_view_transition_type end) as first_screen_view_transition_type,
    max(case when screen_view_in_session_index = 1 then screen_view_type end) as first_screen_view_type,
    max(case when screen_view_in_session_index = screen_views_in_session then screen_view_name end) as last_screen_view_name,
    max(case when screen_view_in_session_index = screen_views_in_session then screen_view_transition_type end) as last_screen_view_transition_type,
    max(case when screen_view_in_session_index = screen_views_in_session then screen_view_type end) as last_screen_view_type
from "modelrunner_run"."main_scratch"."snowplow_mobile_base_screen_view_indexes_this_run"
group by session_id
