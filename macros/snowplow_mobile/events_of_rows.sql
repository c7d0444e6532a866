{{~
# The wide rows of the mobile events a narrow relation lists (alias k): every atomic column with the contexts
# flattened, joined on the relation's event_row and collector_tstamp (snowplow_event_row_match), its event_id and
# session_id (see snowplow_mobile_session_columns), and its `extra` columns after them.
# snowplow_mobile_base_events_this_run is this over the run's event rows; on DuckDB, where that model is a view and
# every reader of it pays its join with atomic.events, the screen views' wide rows are this over the kept copies'
# narrow rows (below).
func snowplow_mobile_events_of(rows, extra)
  capture sql ~}}
select
    {{ snowplow_mobile_screen_view_columns }},
    {{ snowplow_mobile_screen_columns }},
    {{ snowplow_mobile_device_columns }},
    {{ snowplow_mobile_geolocation_columns }},
    {{ snowplow_mobile_application_columns }},
    {{ snowplow_mobile_session_columns "k" }},
    {{ snowplow_event_columns "e" "k" [] }}{{ for column in extra }},
    k.{{ column }}{{ end }}
from {{ source "atomic" "events" }} as e
inner join {{ rows }} as k on {{ snowplow_event_row_match "e" "k" }}
-- the package's filters again where the rows are written once (see snowplow_events_this_run_filters)
where {{ snowplow_event_bounds "e" rows }}
    {{- snowplow_events_this_run_filters "e" }}
{{~ end
  ret sql
end

# The narrow columns snowplow_mobile_base_events_this_run carries besides the event's: its index in its session, and
# where the screen views are found by row (snowplow_kept_by_row) its row of atomic.events.
func snowplow_mobile_events_this_run_carried()
  ret array.concat ["event_index_in_session"] snowplow_event_row_carried
end

# The kept screen views (`indexes`) with their wide rows and their places in their sessions: the events of the run's
# select over their rows of atomic.events, or the events of the run (a table) read back on event_id (the kept copies
# are screen views already: no event_name test).
func snowplow_mobile_indexed_screen_views(indexes, events_this_run)
  columns = ["screen_view_in_session_index", "screen_views_in_session"]
  ret snowplow_kept_by_row ? snowplow_mobile_events_of(indexes, columns) : snowplow_kept_joined_back(indexes, events_this_run, columns, "")
end
~}}
