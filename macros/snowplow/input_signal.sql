{{~
# Input signal of a Snowplow package (package.yml, input-signal:): one row that moves whenever a run of the package
# could do something new. modelrunner reuses the package (leaves its tables as they are) when the row is what it was
# before and after the package's last complete run (README, "Reuse: a run with nothing to do"). It moves with:
#   events, newest_load        a load or an erasure in atomic.events (rows counted, newest load_tstamp)
#   tracked, oldest_success,   the incremental manifest: a model added or removed, a backfill or catch-up moving
#   newest_success, successes  last_success (both ends, and how many different values lie between)
#   quarantined                sessions quarantined (web), when the package has a quarantine table
#   ahead_of_now               the time now, when events were collected after it (a clock ahead of this one's): the
#                              run's upper limit is then "now", so each run can find more and none is reused
# `quarantine` is the quarantine relation, or null.
func snowplow_input_signal(manifest, quarantine)
  now = snowplow_current_timestamp
  capture sql ~}}
select
    e.events,
    e.newest_load,
    case when e.newest_collected > {{ now }} then {{ now }} end as ahead_of_now,
    m.tracked,
    m.oldest_success,
    m.newest_success,
    m.successes{{ if quarantine }},
    q.quarantined{{ end }}
from (
    select count(*) as events, max(load_tstamp) as newest_load, max(collector_tstamp) as newest_collected
    from {{ source "atomic" "events" }}
) as e
cross join (
    select count(*) as tracked, min(last_success) as oldest_success, max(last_success) as newest_success,
        count(distinct last_success) as successes
    from {{ manifest }}
) as m
{{- if quarantine }}
cross join (select count(*) as quarantined from {{ quarantine }}) as q
{{- end }}
{{~ end
  ret sql
end
~}}
