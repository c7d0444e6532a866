{{ config materialized: "table" schema: "scratch" }}
{{~
  max_days = var "snowplow__max_session_days"
  iab = ["category", "primary_impact", "reason", "spider_or_robot"]
  ua = ["useragent_family", "useragent_major", "useragent_minor", "useragent_patch", "useragent_version", "os_family", "os_major", "os_minor", "os_patch", "os_patch_minor", "os_version", "device_family"]
  yauaa = ["device_class", "agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
~}}
-- The events of the sessions this run processes, within their first max_session_days, not late, de-duplicated
-- on event_id (earliest collector_tstamp, then etl_tstamp). domain_userid is the session's, from the manifest;
-- page_view_id comes from the web page context; enrichment contexts are flattened as iab_*, ua_*, yauaa_*.
with sessions as (
    select * from {{ ref "snowplow_web_base_sessions_this_run" }}
),

bounds as (
    select
        coalesce(min(start_tstamp), {{ timestamp_literal "9999-01-01" }}) as lower_bound,
        coalesce(max(end_tstamp), {{ timestamp_literal "9999-01-02" }}) as upper_bound
    from sessions
),

-- The events to keep, found on narrow columns first: reading the wide rows (every atomic column, nested contexts)
-- only for the rows kept is what makes this model fast (see snowplow_event_row).
kept as (
    select
        {{ snowplow_event_row "e" }} as event_row,
        s.domain_userid
    from {{ source "atomic" "events" }} as e
    inner join sessions as s on e.domain_sessionid = s.session_id
    cross join bounds
    where e.collector_tstamp <= {{ add_days "s.start_tstamp" max_days }}
        and {{ snowplow_not_late "e" }}
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
        {{- snowplow_app_id_filter "e" }}
    qualify row_number() over (partition by e.event_id order by e.collector_tstamp, e.etl_tstamp) = 1
)

select
    {{ first_element "e.contexts_com_snowplowanalytics_snowplow_web_page_1" }}.id as page_view_id,
    k.domain_userid,
    {{ star_except "e" ["domain_userid", "contexts_com_snowplowanalytics_snowplow_web_page_1"] }},
    {{~ for field in iab }}
    {{ if var "snowplow__enable_iab" }}cast({{ first_element "e.contexts_com_iab_snowplow_spiders_and_robots_1" }}.{{ field }} as {{ field == "spider_or_robot" ? "boolean" : "string" }}){{ else }}cast(null as {{ field == "spider_or_robot" ? "boolean" : "string" }}){{ end }} as iab_{{ field }},
    {{~ end }}
    {{~ for field in ua }}
    {{ if var "snowplow__enable_ua" }}cast({{ first_element "e.contexts_com_snowplowanalytics_snowplow_ua_parser_context_1" }}.{{ field }} as string){{ else }}cast(null as string){{ end }} as ua_{{ field }},
    {{~ end }}
    {{~ for field in yauaa }}
    {{ if var "snowplow__enable_yauaa" }}cast({{ first_element "e.contexts_nl_basjes_yauaa_context_1" }}.{{ field }} as string){{ else }}cast(null as string){{ end }} as yauaa_{{ field }}{{ if !for.last }},{{ end }}
    {{~ end }}
from {{ source "atomic" "events" }} as e
inner join kept as k on {{ snowplow_event_row "e" }} = k.event_row
cross join bounds
-- the same bounds again, so the scan of the wide rows skips the blocks outside the run
where e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
