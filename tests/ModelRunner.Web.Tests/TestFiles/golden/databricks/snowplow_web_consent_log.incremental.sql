with __mr_cte__snowplow_web_consent_events_this_run as (
-- Ephemeral: its one reader, snowplow_web_consent_log, inlines it, so its rows are written once (README, "Run-scoped tables").
-- This run's consent events (consent_preferences, cmp_visible), their fields flattened; scopes and domains as text.
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
    e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.event_type,
    e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.basis_for_processing,
    e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.consent_url,
    e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.consent_version,
    array_join(e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.consent_scopes, ', ') as consent_scopes,
    array_join(e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.domains_applied, ', ') as domains_applied,
    coalesce(e.unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.gdpr_applies, false) as gdpr_applies,
    cast(e.unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1.elapsed_time as double) as cmp_load_time
from `main`.`analytics_scratch`.`snowplow_web_base_events_this_run` as e
where e.event_name in ('cmp_visible', 'consent_preferences')
    and not (e.useragent rlike '(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|browsershots|screenshots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360Spider|360User-agent|semalt)')
    and ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_consent_events_this_run') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_consent_events_this_run'))
)
-- Every consent and CMP event, upserted from this run's.
select *
from __mr_cte__snowplow_web_consent_events_this_run

where ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_consent_log') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_web_consent_log'))
