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
# on DuckDB its row of atomic.events (event_row; with collector_tstamp, the key of snowplow_event_row_match), which
# the screen views' decision keeps for each kept copy so that the screen views join atomic.events once, on those
# integers, with the kept copies as the narrow side. Joining the events view back on event_id instead joined
# atomic.events with every event row of the run first (10M mobile events: the screen views' statement 47-60 s ->
# 40-46 s, 13-22 % less CPU).
func duckdb__snowplow_mobile_events_this_run_carried()
  ret ["event_index_in_session", "event_row"]
end

# Elsewhere the events of the run are a table, which the screen views read back on event_id.
func default__snowplow_mobile_events_this_run_carried()
  ret ["event_index_in_session"]
end

# Whether the screen views join atomic.events on each kept copy's row: where the events of the run carry event_row.
func snowplow_mobile_screen_views_by_row()
  ret array.contains snowplow_mobile_events_this_run_carried "event_row"
end

# The columns of the events of the run that the screen views' decision keeps to find each kept copy's wide row again.
func snowplow_mobile_screen_view_row_keys()
  ret snowplow_mobile_screen_views_by_row ? "event_row, collector_tstamp, " : ""
end

# The kept screen views (`indexes`) with their wide rows and their places in their sessions: on their rows of
# atomic.events, or elsewhere the events of the run (a table) read back on event_id.
func snowplow_mobile_indexed_screen_views(indexes, events_this_run)
  if snowplow_mobile_screen_views_by_row
    ret snowplow_mobile_events_of(indexes, ["screen_view_in_session_index", "screen_views_in_session"])
  end
  capture sql ~}}
    select
        e.*,
        i.screen_view_in_session_index,
        i.screen_views_in_session
    from {{ indexes }} as i
    -- event_id is unique in the events of the run; the kept copies are screen views already (no event_name test)
    inner join {{ events_this_run }} as e on e.event_id = i.event_id
{{- end
  ret sql
end
~}}
