-- How many users on the latest consent version consented to each scope.
select scope, count(*) as total_consent
from (
    select trim(replace(replace(replace(s.scope, '"', ''), '[', ''), ']', '')) as scope
    from `main`.`analytics_derived`.`snowplow_web_consent_users` as u
    cross join explode(split(u.last_consent_scopes, ', ')) as s(scope)
    where u.is_latest_version
) as scopes
group by scope
