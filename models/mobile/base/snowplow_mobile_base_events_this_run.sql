{{ config materialized: "table" schema: "scratch" }}
{{~ max_days = var "snowplow__max_session_days" ~}}
-- The events of the sessions this run processes, within their first max_session_days, not late, on the package's
-- platforms, de-duplicated on event_id (earliest collector_tstamp, then etl_tstamp); the contexts flattened into
-- columns (typed NULLs for contexts switched off), every atomic column, and the event's index in its session.
with sessions as (
    select * from {{ ref "snowplow_mobile_base_sessions_this_run" }}
),

bounds as (
    select
        coalesce(min(start_tstamp), {{ timestamp_literal "9999-01-01" }}) as lower_bound,
        coalesce(max(end_tstamp), {{ timestamp_literal "9999-01-02" }}) as upper_bound
    from sessions
),

-- The events to keep, found on narrow columns first; the wide rows are read only for them.
kept as (
    select {{ snowplow_event_row "e" }} as event_row
    from {{ source "atomic" "events" }} as e
    inner join sessions as s on {{ snowplow_mobile_session_id "e" }} = s.session_id
    cross join bounds
    where e.collector_tstamp <= {{ add_days "s.start_tstamp" max_days }}
        and {{ snowplow_not_late "e" }}
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
        {{- snowplow_app_id_filter "e" }}{{ snowplow_platform_filter "e" }}
    qualify row_number() over (partition by e.event_id order by e.collector_tstamp, e.etl_tstamp) = 1
)

select
    {{ snowplow_mobile_screen_view_columns }},
    {{ snowplow_mobile_screen_columns }},
    {{ snowplow_mobile_device_columns }},
    {{ snowplow_mobile_geolocation_columns }},
    {{ snowplow_mobile_application_columns }},
    {{ snowplow_mobile_session_columns }},
    e.*,
    row_number() over (partition by {{ snowplow_mobile_session_id "e" }} order by e.derived_tstamp, e.event_id) as event_index_in_session
from {{ source "atomic" "events" }} as e
inner join kept as k on {{ snowplow_event_row "e" }} = k.event_row
cross join bounds
-- the same bounds again, so the scan of the wide rows skips the blocks outside the run
where e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
