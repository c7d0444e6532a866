{{ config materialized: "table" schema: "scratch" }}
{{ snowplow_new_event_limits (ref "snowplow_mobile_incremental_manifest") "snowplow_mobile_incremental" }}
