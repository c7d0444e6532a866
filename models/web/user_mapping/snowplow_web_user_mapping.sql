{{ config tags: ["snowplow_web_incremental"] materialized: "incremental" schema: "derived" unique_key: "domain_userid" incremental_strategy: "delete+insert" }}
-- The latest user_id seen for each domain_userid (each run's value replaces the stored one).
{{~ capture rows ~}}
    from {{ ref "snowplow_web_base_events_this_run" }}
    where user_id is not null
        and domain_userid is not null
        {{~ if is_incremental }}
        and {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_user_mapping" }}
        {{~ end }}
{{~ end ~}}
{{ snowplow_latest_per_key "domain_userid" "user_id" rows }}
