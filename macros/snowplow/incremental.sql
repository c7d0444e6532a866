{{~
# Snowplow's incremental machinery, one set of macros for every Snowplow package (web, mobile, media): the run
# limits, the sessions lifecycle manifest, the sessions of the run, quarantine, the "run has new events" guard, the
# windowed upsert and the manifest hooks. It is SQL the models and hooks render, so it runs in the target as plain
# statements (e.g. as SQL tasks of a Databricks workflow). A package passes what differs as parameters: its
# relations (refs stay literal in the package's own files, so the DAG is found statically), its tag, its session
# and user identifiers. Each package's vars (snowplow__*) are read in the package's scope.

func snowplow_start_timestamp()
  ret timestamp_literal(var "snowplow__start_date")
end

# What identifies one row of atomic.events (not one event: event ids repeat). DuckDB's rowid; elsewhere the
# columns that tell copies of an event apart.
# Snowplow's Lake Loader partitions atomic.events on Databricks by load_tstamp_date (and event_name). An event is
# loaded after it is collected, so the events collected from `lower` on lie in the partitions from date(lower) on:
# this predicate lets the warehouse skip every older partition, so a run reads what its window needs, not the history.
# snowplow__events_partition_date names the column; empty for a table laid out otherwise (e.g. liquid clustering).
func databricks__snowplow_load_partition_filter(alias, lower)
  column = var "snowplow__events_partition_date"
  ret column == null || column == "" ? "" : "\n        and " + alias + "." + column + " >= cast(" + lower + " as date)"
end

func default__snowplow_load_partition_filter(alias, lower)
  ret ""
end

func duckdb__snowplow_event_row(alias)
  # rowid is a pseudo-column of a table: with --empty the events are a query, which has none
  ret is_empty ? "row(" + alias + ".event_id, " + alias + ".collector_tstamp, " + alias + ".etl_tstamp, " + alias + ".load_tstamp)" : alias + ".rowid"
end

func default__snowplow_event_row(alias)
  ret "struct(" + alias + ".event_id, " + alias + ".collector_tstamp, " + alias + ".etl_tstamp, " + alias + ".load_tstamp)"
end

# The late-event rule: an event sent more than days_late_allowed after it was created is ignored.
func snowplow_not_late(alias)
  ret alias + ".dvce_sent_tstamp <= " + add_days(alias + ".dvce_created_tstamp", var "snowplow__days_late_allowed")
end

func snowplow_app_id_filter(alias)
  app_ids = var "snowplow__app_id"
  if !app_ids || app_ids.size == 0
    ret ""
  end
  ret " and " + alias + ".app_id in " + sql_string_list(app_ids)
end

# The platform filter of packages that have one (mobile: snowplow__platform, default ['mob']); none without the var.
func snowplow_platform_filter(alias)
  platforms = var "snowplow__platform" null
  if !platforms || platforms.size == 0
    ret ""
  end
  if (object.typeof platforms) == "string"
    platforms = [platforms]
  end
  ret " and " + alias + ".platform in " + sql_string_list(platforms)
end

# Manifest tables follow --full-refresh on the dev target; elsewhere snowplow__allow_refresh decides, flag or not.
func snowplow_manifest_full_refresh()
  if target.name == (var "snowplow__dev_target_name")
    ret null
  end
  ret var "snowplow__allow_refresh"
end

# The names listed in a var holding model names: a list, or a space-separated string (as dbt's selectors are passed).
func snowplow_name_list(value)
  if !value
    ret []
  end
  if (object.typeof value) == "string"
    ret string.split value " "
  end
  ret value
end

# The models whose last_success the manifest tracks: the enabled models carrying the package's tag, restricted to
# the names in models_to_run when that var is set.
func snowplow_incremental_models(tag)
  models = models_tagged tag
  only = snowplow_name_list(var "models_to_run" "")
  if only.size == 0
    ret models
  end
  kept = []
  for name in models
    if array.contains(only, name)
      kept = array.add(kept, name)
    end
  end
  ret kept
end

# The window of collector_tstamp a run processes, from the manifest of the package's models in the run: first run,
# new models to backfill, models out of sync, or the standard case. A keyhole backfill (run --event-time-start/end)
# processes its own window instead, and the manifest is neither read nor moved.
func snowplow_new_event_limits(manifest, tag)
  if event_time_start
    window = "select " + timestamp_literal(event_time_start) + " as lower_limit, " + timestamp_literal(event_time_end) + " as upper_limit"
    ret "-- A keyhole backfill: the window given (--event-time-start / --event-time-end), whatever the manifest says.\n" + window
  end
  models = snowplow_incremental_models(tag)
  start = snowplow_start_timestamp
  backfill = var "snowplow__backfill_limit_days"
  now = snowplow_current_timestamp
  capture sql ~}}
-- The window of collector_tstamp this run processes, from the manifest of the models in the run:
-- first run, new models to backfill, models out of sync, or the standard case.
with manifest as (
    select last_success
    from {{ manifest }}
    where model in {{ sql_string_list models }}
),

status as (
    select count(*) as n_models, min(last_success) as min_last_success, max(last_success) as max_last_success
    from manifest
)

select
    case
        when n_models < {{ models.size }} then {{ start }}
        else {{ add_hours "min_last_success" (-(var "snowplow__lookback_window_hours")) }}
    end as lower_limit,
    case
        when n_models = 0 then least({{ add_days start backfill }}, {{ now }})
        when n_models < {{ models.size }} then least(max_last_success, {{ add_days start backfill }})
        when min_last_success <> max_last_success then least(max_last_success, {{ add_days "min_last_success" backfill }})
        else least({{ add_days "min_last_success" backfill }}, {{ now }})
    end as upper_limit
from status
{{~ end
  ret sql
end

# The sessions lifecycle manifest: every session seen, its user, its start and end (collector_tstamp), the end
# capped at max_session_days. Sessions with events in the run's window are added or extended. `session_id` and
# `user_id` are expressions over the events (alias e), `user_column` the manifest's user column; with
# `keep_stored_user` a stored session keeps its first user (web), otherwise the new batch's wins (mobile);
# `quarantine` is the relation of quarantined sessions, or null for packages without one.
func snowplow_sessions_lifecycle_manifest(limits, session_id, user_id, user_column, keep_stored_user, quarantine)
  max_days = var "snowplow__max_session_days"
  not_quarantined = ""
  if quarantine
    # An uncorrelated `not in` (the ids are never NULL on either side, so it keeps what `not exists` keeps): DuckDB
    # answers it with a hash table of the quarantined ids, where the correlated `not exists` made it set aside every
    # event of the window first (10M web events, 30 days: 0.83-3.4 s -> 0.27-0.30 s, same sessions).
    not_quarantined = "\n        and " + session_id + " not in (select q.session_id from " + quarantine + " as q where q.session_id is not null)"
  end
  capture sql ~}}
-- Every session seen: its first {{ user_column }} and its start and end (collector_tstamp), the end capped at
-- max_session_days. Sessions with events in this run's window are added or extended.
with limits as (
    select lower_limit, upper_limit from {{ limits }}
),

new_sessions as (
    select
        {{ session_id }} as session_id,
        max({{ user_id }}) as {{ user_column }},
        min(e.collector_tstamp) as start_tstamp,
        max(e.collector_tstamp) as end_tstamp
    from {{ source "atomic" "events" }} as e
    cross join limits
    where {{ session_id }} is not null{{ not_quarantined }}
        and {{ snowplow_not_late "e" }}
        and e.collector_tstamp between limits.lower_limit and limits.upper_limit{{ snowplow_load_partition_filter "e" "limits.lower_limit" }}
        {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}
        {{~ if is_incremental }}
        and (limits.upper_limit > (select max(start_tstamp) from {{ this }}) or (select max(start_tstamp) from {{ this }}) is null)
        {{~ end }}
    group by {{ session_id }}
),

{{~ if is_incremental }}
previous as (
    select p.*
    from {{ this }} as p
    cross join limits
    where p.start_tstamp >= {{ add_days "limits.lower_limit" (-(var "snowplow__session_lookback_days")) }}
),

session_lifecycle as (
    select
        ns.session_id,
        {{ keep_stored_user ? "coalesce(p." + user_column + ", ns." + user_column + ")" : "ns." + user_column }} as {{ user_column }},
        least(ns.start_tstamp, coalesce(p.start_tstamp, ns.start_tstamp)) as start_tstamp,
        greatest(ns.end_tstamp, coalesce(p.end_tstamp, ns.end_tstamp)) as end_tstamp
    from new_sessions as ns
    left join previous as p on ns.session_id = p.session_id
    where p.session_id is null or p.end_tstamp < {{ add_days "p.start_tstamp" max_days }}
)
{{~ else }}
session_lifecycle as (
    select * from new_sessions
)
{{~ end }}

select
    session_id,
    {{ user_column }},
    start_tstamp,
    least({{ add_days "start_tstamp" max_days }}, end_tstamp) as end_tstamp
from session_lifecycle
{{~ end
  ret sql
end

# The sessions a run processes: those overlapping the window that started at most max_session_days before it,
# their end capped at the upper limit (the later events are the next run's). A keyhole backfill recomputes its sessions
# from all their events, so their end is not capped.
func snowplow_sessions_this_run(lifecycle, limits, user_column)
  end_tstamp = event_time_start ? "s.end_tstamp" : "case when s.end_tstamp > limits.upper_limit then limits.upper_limit else s.end_tstamp end"
  capture sql ~}}
with limits as (
    select lower_limit, upper_limit from {{ limits }}
)

select
    s.session_id,
    s.{{ user_column }},
    s.start_tstamp,
    {{ end_tstamp }} as end_tstamp
from {{ lifecycle }} as s
cross join limits
where s.start_tstamp >= {{ add_days "limits.lower_limit" (-(var "snowplow__max_session_days")) }}
    and s.start_tstamp <= limits.upper_limit
    and s.end_tstamp >= limits.lower_limit
{{~ end
  ret sql
end

# The CTEs of a package's rows of the run (its *_base_event_rows_this_run model): its sessions of the run, their
# bounds, and the events to keep, found on narrow columns only: events of those sessions within their first
# max_session_days, not late, in the bounds, of the package's app ids and platforms, de-duplicated on event_id
# (earliest collector_tstamp, then etl_tstamp). `session_id` is the events' session expression (alias e); `carried`
# lists columns (alias s or e) kept beside each event's row, its event_id and collector_tstamp. The package's
# *_base_events_this_run joins the wide rows back on them (snowplow_event_row_match).
func snowplow_events_this_run_ctes(sessions_this_run, session_id, carried)
  max_days = var "snowplow__max_session_days"
  capture columns ~}}
        {{ snowplow_event_row "e" }} as event_row,
        e.event_id,
        e.collector_tstamp{{ for column in carried }},
        {{ column }}{{ end }}
  {{- end
  capture rows ~}}
    from {{ source "atomic" "events" }} as e
    inner join sessions as s on {{ session_id }} = s.session_id
    cross join bounds
    where e.collector_tstamp <= {{ add_days "s.start_tstamp" max_days }}
        and {{ snowplow_not_late "e" }}
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound{{ snowplow_load_partition_filter "e" "bounds.lower_bound" }}
        {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}
  {{- end
  capture sql ~}}
with sessions as (
    select * from {{ sessions_this_run }}
),

bounds as (
    select
        coalesce(min(start_tstamp), {{ timestamp_literal "9999-01-01" }}) as lower_bound,
        coalesce(max(end_tstamp), {{ timestamp_literal "9999-01-02" }}) as upper_bound
    from sessions
),

-- The events to keep, found on narrow columns first: reading the wide rows (every atomic column, nested contexts)
-- only for the rows kept is what makes this model fast (see snowplow_event_row).
{{ snowplow_first_of_each_event columns rows -}}
{{~ end
  ret sql
end

# The `kept` CTE of snowplow_events_this_run_ctes: of the rows (`select` columns, then `from … where …` of alias e),
# one per event_id, the earliest collected (then the earliest enriched).
func default__snowplow_first_of_each_event(columns, rows)
  capture sql ~}}
kept as (
    select
{{ columns }}
{{ rows }}
    qualify row_number() over (partition by e.event_id order by e.collector_tstamp, e.etl_tstamp) = 1
)
{{~ end
  ret sql
end

# On DuckDB only the rows of event ids seen more than once in the run (a tracker's retry, a collector's duplicate: few)
# are numbered, rather than every event of the run (the rows of web's 1M benchmark events: 0.54-0.66 s -> 0.34-0.45 s;
# mobile's of 10M: 1.8 s -> 1.5 s). Null event ids count as one id, as they do in the window.
func duckdb__snowplow_first_of_each_event(columns, rows)
  capture sql ~}}
candidates as (
    select
{{ columns }},
        e.etl_tstamp
{{ rows }}
),

duplicated as (
    select event_id from candidates group by event_id having count(*) > 1
),

kept as (
    select c.* exclude (etl_tstamp)
    from candidates as c
    anti join duplicated as d on c.event_id is not distinct from d.event_id
    union all
    select c.* exclude (etl_tstamp)
    from candidates as c
    semi join duplicated as d on c.event_id is not distinct from d.event_id
    qualify row_number() over (partition by c.event_id order by c.collector_tstamp, c.etl_tstamp) = 1
)
{{~ end
  ret sql
end

# The CTE `name`: of the rows of `rows` (a select without qualify), one per `key`, the first in `order` (columns of
# those rows): a page or screen view is the first of its events. The key and the order columns are in the rows' output.
func default__snowplow_first_of_each(name, rows, key, order)
  capture sql ~}}
{{ name }} as (
{{ rows | string.rstrip }}
    qualify row_number() over (partition by {{ key }} order by {{ array.join order ", " }}) = 1
)
{{~ end
  ret sql | string.rstrip
end

# On DuckDB, as for events (snowplow_first_of_each_event), only the rows of keys seen more than once are numbered, the
# rows being the CTE `name`_rows: a window over every row sorted them all (10M mobile events, the screen views'
# indexes: 29.3 s -> 26.2 s; 1M: 2.1 s -> 1.75 s). Null keys count as one key, as they do in the window.
func duckdb__snowplow_first_of_each(name, rows, key, order)
  capture sql ~}}
{{ name }}_rows as (
{{ rows | string.rstrip }}
),

{{ name }}_duplicated as (
    select {{ key }} from {{ name }}_rows group by {{ key }} having count(*) > 1
),

{{ name }} as (
    select r.*
    from {{ name }}_rows as r
    anti join {{ name }}_duplicated as d on r.{{ key }} is not distinct from d.{{ key }}
    union all
    select r.*
    from {{ name }}_rows as r
    semi join {{ name }}_duplicated as d on r.{{ key }} is not distinct from d.{{ key }}
    qualify row_number() over (partition by r.{{ key }} order by {{ for column in order }}r.{{ column }}{{ if !for.last }}, {{ end }}{{ end }}) = 1
)
{{~ end
  ret sql | string.rstrip
end

# The CTE `name`: per `key`, the `value` of its first row of `rows` (`from … where …` of alias e) in `order` (columns
# of e, each ascending or "<column> desc"): a session's first page event, or its last page view.
func default__snowplow_first_per_key(name, key, value, rows, order)
  capture sql ~}}
{{ name }} as (
    select e.{{ key }}, e.{{ value }}
{{ rows | string.rstrip }}
    qualify row_number() over (partition by e.{{ key }} order by {{ for column in order }}e.{{ column }}{{ if !for.last }}, {{ end }}{{ end }}) = 1
)
{{~ end
  ret sql | string.rstrip
end

# On DuckDB an aggregate: arg_min over the order as a struct, which DuckDB compares field by field with nulls last, as
# its window orders them (ascending and descending alike); a descending column, a timestamp, as its negated epoch.
# A hash aggregate instead of sorting every row of the run (10M web events: the sessions' first page events
# 5.2 s -> 0.9 s, their last page views 2.1 s -> 0.4 s).
func duckdb__snowplow_first_per_key(name, key, value, rows, order)
  capture sql ~}}
{{ name }} as (
    select
        e.{{ key }},
        arg_min(e.{{ value }}, struct_pack({{ for column in order }}o{{ for.index }} := {{ if column | string.ends_with " desc" }}-epoch_us(e.{{ column | string.replace " desc" "" }}){{ else }}e.{{ column }}{{ end }}{{ if !for.last }}, {{ end }}{{ end }})) as {{ value }}
{{ rows | string.rstrip }}
    group by e.{{ key }}
)
{{~ end
  ret sql | string.rstrip
end

# A package's user mapping: per `key`, the `value` of its latest row of `rows` (`from … where …`), by collector_tstamp
# then event_id, and its latest collector_tstamp as end_tstamp.
func default__snowplow_latest_per_key(key, value, rows)
  capture sql ~}}
select
    {{ key }},
    {{ value }},
    end_tstamp
from (
    select
        {{ key }},
        {{ value }},
        max(collector_tstamp) over (partition by {{ key }}) as end_tstamp,
        row_number() over (partition by {{ key }} order by collector_tstamp desc, event_id desc) as recency
{{ rows | string.rstrip }}
) as mapped
where recency = 1
{{~ end
  ret sql | string.rstrip
end

# On DuckDB an aggregate, as in snowplow_first_per_key: arg_max over (collector_tstamp, event_id), each after a flag
# that it is not null, so a null is the least recent, as in the window's descending order with nulls last (10M mobile
# events: 6.9 s -> 2.4 s).
func duckdb__snowplow_latest_per_key(key, value, rows)
  capture sql ~}}
select
    {{ key }},
    arg_max({{ value }}, struct_pack(t := collector_tstamp is not null, c := collector_tstamp, i := event_id is not null, e := event_id)) as {{ value }},
    max(collector_tstamp) as end_tstamp
{{ rows | string.rstrip }}
group by {{ key }}
{{~ end
  ret sql | string.rstrip
end

# The wide rows of a package's events of the run are every atomic column of the rows its
# *_base_event_rows_this_run lists: the model reads `<events> as e inner join <rows> as k on` the match below, `where`
# the bounds below. No CTEs: in a DuckDB view, a materialised CTE would stop it pruning the columns a reader does not
# read.
# DuckDB's rowid, with the collection time, so rows that moved since (a vacuum after an erasure) cannot stand in for
# them (an integer comparison: matching event_id too costs a reader of 1M rows 0.15 s more).
func duckdb__snowplow_event_row_match(events, rows)
  ret snowplow_event_row(events) + " = " + rows + ".event_row and " + events + ".collector_tstamp = " + rows + ".collector_tstamp"
end

func default__snowplow_event_row_match(events, rows)
  ret snowplow_event_row(events) + " = " + rows + ".event_row"
end

# Every atomic column of the wide rows but `excluded`. On DuckDB event_id is read from the run's narrow rows (the
# same value: the row was matched on them): a reader joining its own few events back on event_id then lets DuckDB
# join those with the narrow rows first and build on the result, instead of building on the wide rows
# (web benchmark, 1M events: page_views_this_run 3.4 s -> 2.7 s).
func duckdb__snowplow_event_columns(events, rows, excluded)
  ret events + ".*" + (excluded.size > 0 ? " exclude (" + array.join(excluded, ", ") + ")" : "") + " replace (" + rows + ".event_id as event_id)"
end

func default__snowplow_event_columns(events, rows, excluded)
  ret excluded.size > 0 ? star_except(events, excluded) : events + ".*"
end

# The rows' collection times, so the scan of the wide rows skips the partitions outside the run.
func default__snowplow_event_bounds(events, event_rows)
  lower = "(select min(collector_tstamp) from " + event_rows + ")"
  upper = "(select max(collector_tstamp) from " + event_rows + ")"
  ret events + ".collector_tstamp between " + lower + " and " + upper + snowplow_load_partition_filter(events, lower)
end

# None on DuckDB: its hash join hands the scan of the wide rows the min and max collector_tstamp of the narrow rows
# it built on, which skips the same blocks. Bounds from subqueries made it guess the wide side small and build its
# hash table on the wide rows instead: every reader of the view paid for it (web benchmark, 1M events:
# sessions_this_run 4.9 s -> 3.0 s).
func duckdb__snowplow_event_bounds(events, event_rows)
  ret "true"
end

# The package's app and platform filters repeated on the wide rows of the run (the narrow rows applied them already).
# Elsewhere they let the scan that writes the table skip other packages' events. None on DuckDB, where the view is read
# by a hash join: a filter on the wide side makes DuckDB guess it small and build its hash table on the wide rows
# rather than on the narrow ones (mobile benchmark, 1M mobile events: sessions_aggs 1.0 s -> 0.7 s; no change on
# mixed web and mobile events).
func duckdb__snowplow_events_this_run_filters(events)
  ret ""
end

func default__snowplow_events_this_run_filters(events)
  ret snowplow_app_id_filter(events) + snowplow_platform_filter(events)
end

# How a package's wide events of the run are kept. Writing ~190 columns of every event of the run is most of a full
# refresh on DuckDB (its storage compresses and writes each column; 1M events: ~15 s of a 32 s run) while reading
# them back from atomic.events by row costs the few columns each model reads: a view there. Elsewhere (Databricks)
# the rows are written once, as Snowplow does, so the models reading them do not join atomic.events again.
func duckdb__snowplow_events_this_run_materialization()
  ret "view"
end

func default__snowplow_events_this_run_materialization()
  ret "table"
end

# The "run has new events" guard of a derived model: false once the manifest says it already processed up to the
# run's upper limit (a missing row: true).
func snowplow_has_new_events(manifest, limits, model_name)
  if event_time_start
    ret "true" # a keyhole backfill reprocesses what the manifest says is done
  end
  last = "(select max(last_success) from " + manifest + " where model = '" + model_name + "')"
  upper = "(select upper_limit from " + limits + ")"
  ret "(" + last + " is null or " + upper + " > " + last + ")"
end

# The optimised upsert: target rows are matched only within the date window of the new rows (Snowplow's
# delete+insert / merge with a date predicate). Used as an incremental predicate.
func snowplow_upsert_window(date_key, lookback_days)
  lower = "(select min(" + date_key + ") from DBT_INTERNAL_SOURCE)"
  if lookback_days > 0
    lower = add_days(lower, -lookback_days)
  end
  ret "DBT_INTERNAL_DEST." + date_key + " between " + lower + " and (select max(" + date_key + ") from DBT_INTERNAL_SOURCE)"
end

# on-run-start: forget the models listed in models_to_remove (Snowplow's name; snowplow__models_to_remove is read
# as an alias), so they are rebuilt from the start date.
func snowplow_remove_models_from_manifest(manifest)
  if event_time_start
    ret "" # a keyhole backfill leaves the manifest as it is (a hook that renders to nothing is not sent)
  end
  names = array.concat(snowplow_name_list(var "models_to_remove" null), snowplow_name_list(var "snowplow__models_to_remove" null))
  if names.size == 0
    ret ""
  end
  ret "delete from " + manifest + " where model in " + sql_string_list(names)
end

# on-run-end: every tracked model of the package that succeeded in this run moves to the latest collector_tstamp
# processed (never backwards); nothing is written when the run processed no events. `event_rows` is the package's
# narrow rows of the run's events: the events of its events_this_run, which on DuckDB is a view joining atomic.events
# again (10M web events: 1.26 s for this max through the view).
func snowplow_update_manifest(results, manifest, event_rows, tag)
  if event_time_start
    ret "" # a keyhole backfill leaves the manifest as it is: the next run takes the window it would have taken
  end
  tracked = snowplow_incremental_models(tag)
  succeeded = []
  for result in results
    if result.status == "success" && array.contains(tracked, result.name)
      succeeded = array.add(succeeded, result.name)
    end
  end
  if succeeded.size == 0
    ret ""
  end
  rows = []
  for name in succeeded
    rows = array.add(rows, "select '" + name + "' as model")
  end
  sql = "merge into " + manifest + " as m using (select r.model, v.last_success from (" + array.join(rows, " union all ") + ") as r"
  sql = sql + ", (select max(collector_tstamp) as last_success from " + event_rows + ") as v where v.last_success is not null) as s"
  sql = sql + " on m.model = s.model when matched then update set last_success = greatest(m.last_success, s.last_success)"
  ret sql + " when not matched then insert (model, last_success) values (s.model, s.last_success)"
end

# post-hook of a package's sessions_this_run: sessions that reached max_session_days are quarantined (their later
# events ignored).
func snowplow_quarantine_sessions(quarantine)
  sql = "insert into " + quarantine + " (session_id) select s.session_id from " + this + " as s"
  sql = sql + " where s.end_tstamp = " + add_days("s.start_tstamp", var "snowplow__max_session_days")
  ret sql + " and not exists (select 1 from " + quarantine + " as q where q.session_id = s.session_id)"
end

# post-hook of a package's sessions table: every session (of every run) takes the latest user_id mapped to its
# user column (web: domain_userid, mobile: device_user_id). Only sessions whose stitched id differs are written: the
# others already hold it, and rewriting them would cost every run in proportion to the table's history (on Delta,
# every file holding a mapped user's session).
func duckdb__snowplow_stitch_sessions(mapping, user_column)
  if !(var "snowplow__session_stitching")
    ret ""
  end
  sql = "update " + this + " set stitched_user_id = m.user_id from " + mapping + " as m"
  sql = sql + " where " + this + "." + user_column + " = m." + user_column
  ret sql + " and " + this + ".stitched_user_id is distinct from m.user_id"
end

func databricks__snowplow_stitch_sessions(mapping, user_column)
  if !(var "snowplow__session_stitching")
    ret ""
  end
  sql = "merge into " + this + " as s using " + mapping + " as m on s." + user_column + " = m." + user_column
  ret sql + " when matched and s.stitched_user_id is distinct from m.user_id then update set stitched_user_id = m.user_id"
end
~}}
