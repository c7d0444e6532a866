{{~
# Wide rows for a decision made on narrow columns. A package decides which events it keeps (the copy of each page
# view or screen view) and their places in their sessions on narrow columns, into a run-scoped table of its own; the
# table the kept events are written into then needs their wide rows (every atomic column, contexts flattened).
#
# Where the events of the run are a view joining atomic.events with the run's event rows (DuckDB: see
# snowplow_events_this_run_materialization), a reader of that view pays that join for every event of the run, and
# joining the kept events back on event_id adds a second join. There the events of the run also carry each event's
# row of atomic.events (event_row), the decision keeps it with collector_tstamp (the key of
# snowplow_event_row_match), and the wide rows are the package's own select of the events of the run over the kept
# events: atomic.events joined once, on two integers, with the kept events as the narrow side. 10M mobile events, all
# mobile: the screen views' statement 47.4 / 60.1 s -> 40.5 / 46.3 s; 10M web events: the page views' 20.5-22.5 s ->
# 17.6-19.9 s with their decision (same rows). Elsewhere the events of the run are a table, joined back on event_id.
func snowplow_kept_by_row()
  ret snowplow_events_this_run_materialization == "view"
end

# The narrow columns a package's events of the run carry for that, after their own.
func snowplow_event_row_carried()
  ret snowplow_kept_by_row ? ["event_row"] : []
end

# The columns a decision keeps first, to find each kept event's wide row again (none where it is read back on event_id).
func snowplow_kept_row_keys()
  ret snowplow_kept_by_row ? "event_row, collector_tstamp, " : ""
end

# Where the events of the run are a table: the `kept` events (event_id is unique in the events of the run) with their
# wide rows and the decision's `columns`; `filter`, a condition on the wide rows (alias e), reaches their scan.
func snowplow_kept_joined_back(kept, events_this_run, columns, filter)
  capture sql ~}}
    select
        e.*{{ for column in columns }},
        i.{{ column }}{{ end }}
    from {{ kept }} as i
    inner join {{ events_this_run }} as e on e.event_id = i.event_id{{ filter == "" ? "" : " and " + filter }}
{{- end
  ret sql
end
~}}
