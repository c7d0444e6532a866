{{ config materialized: "incremental" unique_key: "device_user_id" incremental_strategy: "delete+insert" }}
-- The latest user_id seen for each device_user_id in this run, by collector_tstamp (a plain merge: each run's value
-- replaces the stored one).
{{~ capture rows ~}}
    from {{ ref "snowplow_mobile_base_events_this_run" }}
    where user_id is not null
        and device_user_id is not null
        {{~ if is_incremental }}
        and {{ snowplow_has_new_events (ref "snowplow_mobile_incremental_manifest") (ref "snowplow_mobile_base_new_event_limits") "snowplow_mobile_user_mapping" }}
        {{~ end }}
{{~ end ~}}
{{ snowplow_latest_per_key "device_user_id" "user_id" rows }}
