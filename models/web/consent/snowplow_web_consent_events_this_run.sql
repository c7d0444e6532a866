{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_consent") materialized: "ephemeral" schema: "scratch" }}
-- Ephemeral: its one reader, snowplow_web_consent_log, inlines it, so its rows are written once (README, "Run-scoped tables").
-- This run's consent events (consent_preferences, cmp_visible), their fields flattened; scopes and domains as text.
{{~ p = "e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1" ~}}
select
    e.event_id,
    e.domain_userid,
    e.user_id,
    e.geo_country,
    e.page_view_id,
    e.domain_sessionid,
    e.derived_tstamp,
    e.load_tstamp,
    e.event_name,
    {{ p }}.event_type,
    {{ p }}.basis_for_processing,
    {{ p }}.consent_url,
    {{ p }}.consent_version,
    {{ join_list (p + ".consent_scopes") "', '" }} as consent_scopes,
    {{ join_list (p + ".domains_applied") "', '" }} as domains_applied,
    coalesce({{ p }}.gdpr_applies, false) as gdpr_applies,
    cast(e.unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1.elapsed_time as double) as cmp_load_time
from {{ ref "snowplow_web_base_events_this_run" }} as e
where e.event_name in ('cmp_visible', 'consent_preferences')
    and {{ snowplow_web_not_bot "e" }}
    and {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_web_consent_events_this_run" }}
