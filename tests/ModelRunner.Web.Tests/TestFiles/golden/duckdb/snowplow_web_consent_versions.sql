-- One row per consent version seen in allow_all events: when it started, its scopes, URL and domains, whether it is
-- the latest (decided among the versions of this batch) and its last allow_all load.
with batch as (
    select *
    from "main_derived"."snowplow_web_consent_log"
    where event_name <> 'cmp_visible'
        and event_type = 'allow_all'

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

    v.version_start_tstamp,

    v.consent_scopes,
    v.consent_url,
    v.domains_applied,
    row_number() over (order by v.version_start_tstamp desc) = 1 as is_latest_version,
    v.last_allow_all_event
from versions as v
