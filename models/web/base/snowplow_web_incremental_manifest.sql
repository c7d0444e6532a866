{{ config materialized: "incremental" schema: "snowplow_manifest" keyhole: false unique_key: "model" full_refresh: snowplow_manifest_full_refresh }}
-- One row per Snowplow incremental model: the latest collector_tstamp it has processed. Created empty; the
-- on-run-end hook of the package (snowplow_update_manifest, models/web/package.yml) writes it.
select cast(null as string) as model, cast(null as timestamp) as last_success
where false
