{{ config materialized: "table" schema: "scratch" }}
{{ snowplow_new_event_limits (ref "snowplow_web_incremental_manifest") "snowplow_web_incremental" }}
