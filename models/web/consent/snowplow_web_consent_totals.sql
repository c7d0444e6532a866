{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_consent") materialized: "table" schema: "derived" }}
-- Per consent version: how many users' latest consent is of each type (NULL counts for a version without users).
with per_version as (
    select
        last_consent_version,
        count(distinct domain_userid) as total_visitors,
        count(case when last_consent_event_type = 'allow_all' then 1 end) as allow_all,
        count(case when last_consent_event_type = 'allow_selected' then 1 end) as allow_selected,
        count(case when last_consent_event_type in ('allow_all', 'allow_selected') then 1 end) as allow,
        count(case when last_consent_event_type = 'pending' then 1 end) as pending,
        count(case when last_consent_event_type = 'deny_all' then 1 end) as denied,
        count(case when last_consent_event_type = 'expired' then 1 end) as expired,
        count(case when last_consent_event_type = 'withdrawn' then 1 end) as withdrawn,
        count(case when last_consent_event_type = 'implicit_consent' then 1 end) as implicit_consent,
        count(case when {{ add_months "last_consent_event_tstamp" 12 }} <= {{ add_months (snowplow_current_timestamp) 6 }}
            and last_consent_event_type <> 'expired'
            and {{ add_months "last_consent_event_tstamp" 12 }} > {{ snowplow_current_timestamp }} then 1 end) as expires_in_six_months
    from {{ ref "snowplow_web_consent_users" }}
    where last_consent_event_type is not null
    group by last_consent_version
)

select v.*, {{ star_except "p" ["last_consent_version"] }}
from {{ ref "snowplow_web_consent_versions" }} as v
left join per_version as p on v.consent_version = p.last_consent_version
