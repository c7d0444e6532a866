{{~
# Run health of a Snowplow package: one row saying what a run processed and what looks wrong, which modelrunner prints
# after each run of the package, writes to run_results.json (run_health) and logs as a JSON event. The package
# declares it in its package.yml (run-health:). The columns are what the runner reads:
#   lower_limit, upper_limit  the window of collector_tstamp the run processed
#   events                    the run's events (de-duplicated, filtered: the package's event rows of the run)
#   new_events                of those, collected after the newest last_success of the manifest (the rest are the lookback's)
#   newest_event              the newest collector_tstamp in atomic.events from the window's start on (past the window too)
#   new_models                tracked models the manifest does not know yet (backfilled from the start date), comma-separated
#   out_of_sync               tracked models behind the most advanced one, as "name (N h behind)", comma-separated
#   window_events             the source's events in the window (of the package's sessions, app ids and platforms)
#   late_events               of those, dropped as sent too late (more than snowplow__days_late_allowed after created)
#   quarantined_events        of those, dropped with sessions quarantined for lasting longer than snowplow__max_session_days
#   zero_runs_warn            warn after this many consecutive runs without events (snowplow__health_zero_runs_warn)
#   dropped_share_warn        warn when late and quarantined events pass this share of window_events (snowplow__health_dropped_share_warn)
# `event_rows` is the package's narrow rows of the run's events (one per event, with collector_tstamp): the same rows
# as its events_this_run, which on DuckDB is a view joining atomic.events again (10M web events: 2.3 s of CPU for a
# count). `session_id` is the events' session expression (alias e); `quarantine` the quarantine relation, or null.
func snowplow_run_health(limits, event_rows, manifest, quarantine, session_id, tag)
  models = snowplow_incremental_models(tag)
  model_rows = []
  for name in models
    model_rows = array.add(model_rows, "('" + name + "')")
  end
  behind = "cast(floor((" + epoch_seconds("status.newest_success") + " - " + epoch_seconds("m.last_success") + ") / 3600) as bigint)"
  capture sql ~}}
with limits as (
    select lower_limit, upper_limit from {{ limits }}
),

tracked as (
    select t.model, m.last_success
    from (values {{ array.join model_rows ", " }}) as t(model)
    left join {{ manifest }} as m on m.model = t.model
),

status as (
    select max(last_success) as newest_success from tracked
),

models as (
    select
        {{ ordered_string_agg "case when m.last_success is null then m.model end" "', '" "m.model" }} as new_models,
        {{ ordered_string_agg ("case when m.last_success < status.newest_success then m.model || ' (' || cast(" + behind + " as string) || ' h behind)' end") "', '" "m.model" }} as out_of_sync
    from tracked as m
    cross join status
),

run_events as (
    select
        count(*) as events,
        count(case when status.newest_success is null or r.collector_tstamp > status.newest_success then 1 end) as new_events
    from {{ event_rows }} as r
    cross join status
),

source as (
    select
        max(e.collector_tstamp) as newest_event,
        count(case when e.collector_tstamp <= limits.upper_limit then 1 end) as window_events,
        count(case when e.collector_tstamp <= limits.upper_limit and not ({{ snowplow_not_late "e" }}) then 1 end) as late_events
    from {{ source "atomic" "events" }} as e
    cross join limits
    where {{ session_id }} is not null
        and e.collector_tstamp >= limits.lower_limit{{ snowplow_load_partition_filter "e" "limits.lower_limit" }}
        {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}
),

quarantined as (
    {{- if quarantine }}
{{ snowplow_run_health_quarantined session_id quarantine }}
    {{- else }}
    select cast(0 as bigint) as quarantined_events
    {{- end }}
)

select
    limits.lower_limit,
    limits.upper_limit,
    run_events.events,
    run_events.new_events,
    source.newest_event,
    models.new_models,
    models.out_of_sync,
    source.window_events,
    source.late_events,
    quarantined.quarantined_events,
    {{ var "snowplow__health_zero_runs_warn" }} as zero_runs_warn,
    {{ var "snowplow__health_dropped_share_warn" }} as dropped_share_warn
from limits
cross join run_events
cross join models
cross join source
cross join quarantined
{{~ end
  ret sql
end

# The window's events of quarantined sessions (the few ids `quarantine` holds): a query of its own rather than a left
# join of every event of the window to them, on which DuckDB built its hash table on the events (10M web events: 4.8 s
# of CPU). The engines differ only in where the test of the ids stands. On DuckDB an IN inside the count, which it
# answers with a hash table of the quarantined ids whatever its estimates (as a filter, its plans took 0.9-2.8 s on
# 10M events, against 57 ms).
func duckdb__snowplow_run_health_quarantined(session_id, quarantine)
  capture sql ~}}
    select count(case when {{ session_id }} in (select session_id from {{ quarantine }}) then 1 end) as quarantined_events
{{ snowplow_run_health_window_events "" }}
{{~ end
  ret sql | string.rstrip
end

# Elsewhere a semi join in the filter, where Spark takes the quarantined ids as the small side.
func default__snowplow_run_health_quarantined(session_id, quarantine)
  capture sql ~}}
    select count(*) as quarantined_events
{{ snowplow_run_health_window_events ("\n        and " + session_id + " in (select session_id from " + quarantine + ")") }}
{{~ end
  ret sql | string.rstrip
end

# The from and where of the window's events of the package in atomic.events (alias e, beside the `limits` CTE), with
# `filter` (" and …", or "") last.
func snowplow_run_health_window_events(filter)
  capture sql ~}}
    from {{ source "atomic" "events" }} as e
    cross join limits
    where e.collector_tstamp between limits.lower_limit and limits.upper_limit{{ snowplow_load_partition_filter "e" "limits.lower_limit" }}
        {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}{{ filter }}
{{~ end
  ret sql | string.rstrip
end
~}}
