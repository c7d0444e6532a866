{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_consent") materialized: "table" schema: "derived" }}
-- How many users on the latest consent version consented to each scope.
select scope, count(*) as total_consent
from (
    select trim(replace(replace(replace(s.scope, '"', ''), '[', ''), ']', '')) as scope
    from {{ ref "snowplow_web_consent_users" }} as u
    cross join {{ split_to_rows "u.last_consent_scopes" "', '" "s" "scope" }}
    where u.is_latest_version
) as scopes
group by scope
