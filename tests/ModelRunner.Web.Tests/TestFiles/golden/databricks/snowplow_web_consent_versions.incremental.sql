-- One row per consent version seen in allow_all events: when it started, its scopes, URL and domains, whether it is
-- the latest (decided among the versions of this batch) and its last allow_all load.
with batch as (
    select *
    from `main`.`analytics_derived`.`snowplow_web_consent_log`
    where event_name <> 'cmp_visible'
        and event_type = 'allow_all'

        and load_tstamp > coalesce((select max(last_allow_all_event) from `main`.`analytics_derived`.`snowplow_web_consent_versions`), cast('9999-01-02' as timestamp))

),

versions as (
    select
        consent_version,
        min(derived_tstamp) as version_start_tstamp,
        consent_scopes,
        consent_url,
        domains_applied,
        max(load_tstamp) as last_allow_all_event
    from batch
    group by consent_version, consent_scopes, consent_url, domains_applied
)

select
    v.consent_version,

    least(v.version_start_tstamp, coalesce(t.version_start_tstamp, v.version_start_tstamp)) as version_start_tstamp,

    v.consent_scopes,
    v.consent_url,
    v.domains_applied,
    row_number() over (order by v.version_start_tstamp desc) = 1 as is_latest_version,
    v.last_allow_all_event
from versions as v

left join `main`.`analytics_derived`.`snowplow_web_consent_versions` as t on v.consent_version = t.consent_version
