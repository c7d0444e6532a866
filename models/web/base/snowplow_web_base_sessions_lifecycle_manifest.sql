{{ config materialized: "incremental" schema: "snowplow_manifest" unique_key: "session_id" incremental_strategy: "delete+insert" incremental_predicates: [snowplow_web_upsert_window "start_tstamp" (var "snowplow__upsert_lookback_days")] full_refresh: snowplow_web_manifest_full_refresh }}
{{~ max_days = var "snowplow__max_session_days" ~}}
-- Every session seen: its first domain_userid and its start and end (collector_tstamp), the end capped at
-- max_session_days. Sessions with events in this run's window are added or extended.
with limits as (
    select lower_limit, upper_limit from {{ ref "snowplow_web_base_new_event_limits" }}
),

new_sessions as (
    select
        e.domain_sessionid as session_id,
        max(e.domain_userid) as domain_userid,
        min(e.collector_tstamp) as start_tstamp,
        max(e.collector_tstamp) as end_tstamp
    from {{ source "atomic" "events" }} as e
    cross join limits
    where e.domain_sessionid is not null
        and not exists (select 1 from {{ ref "snowplow_web_base_quarantined_sessions" }} as q where q.session_id = e.domain_sessionid)
        and {{ snowplow_web_not_late "e" }}
        and e.collector_tstamp between limits.lower_limit and limits.upper_limit
        {{- snowplow_web_app_id_filter "e" }}
        {{~ if is_incremental }}
        and (limits.upper_limit > (select max(start_tstamp) from {{ this }}) or (select max(start_tstamp) from {{ this }}) is null)
        {{~ end }}
    group by e.domain_sessionid
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
        coalesce(p.domain_userid, ns.domain_userid) as domain_userid,
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
    domain_userid,
    start_tstamp,
    least({{ add_days "start_tstamp" max_days }}, end_tstamp) as end_tstamp
from session_lifecycle
