-- One row per user with consent events: CMP and consent counts (added up over runs), the latest consent of the
-- batch and whether its version is the latest.
with batch as (
    select *
    from `main`.`analytics_derived`.`snowplow_web_consent_log`

    where load_tstamp > coalesce((select max(last_processed_event) from `main`.`analytics_derived`.`snowplow_web_consent_users`), cast('9999-01-02' as timestamp))

),

per_user as (
    select
        domain_userid,
        user_id,
        geo_country,
        max(load_tstamp) as last_processed_event,
        count(case when event_name = 'cmp_visible' then 1 end) as cmp_events,
        count(case when event_name = 'consent_preferences' then 1 end) as consent_events,
        max(case when event_name = 'cmp_visible' then derived_tstamp end) as last_cmp_event_tstamp
    from batch
    group by domain_userid, user_id, geo_country
    qualify row_number() over (partition by domain_userid order by max(load_tstamp) desc) = 1
),

latest_consent as (
    select
        domain_userid,
        derived_tstamp as last_consent_event_tstamp,
        event_type as last_consent_event_type,
        consent_scopes as last_consent_scopes,
        consent_version as last_consent_version,
        consent_url as last_consent_url,
        domains_applied as last_domains_applied
    from batch
    where event_name = 'consent_preferences'
    qualify row_number() over (partition by domain_userid order by load_tstamp desc) = 1
)

select
    u.domain_userid,
    u.user_id,
    u.geo_country,

    u.cmp_events + coalesce(t.cmp_events, 0) as cmp_events,
    u.consent_events + coalesce(t.consent_events, 0) as consent_events,

    u.last_cmp_event_tstamp,
    c.last_consent_event_tstamp,
    c.last_consent_event_type,
    c.last_consent_scopes,
    c.last_consent_version,
    c.last_consent_url,
    c.last_domains_applied,
    u.last_processed_event,
    coalesce(c.last_consent_version in (select consent_version from `main`.`analytics_derived`.`snowplow_web_consent_versions` where is_latest_version), false) as is_latest_version
from per_user as u
left join latest_consent as c on u.domain_userid = c.domain_userid

left join `main`.`analytics_derived`.`snowplow_web_consent_users` as t on u.domain_userid = t.domain_userid
