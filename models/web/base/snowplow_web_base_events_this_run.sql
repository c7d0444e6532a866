{{ config materialized: snowplow_events_this_run_materialization schema: "scratch" }}
{{~
  iab = ["category", "primary_impact", "reason", "spider_or_robot"]
  ua = ["useragent_family", "useragent_major", "useragent_minor", "useragent_patch", "useragent_version", "os_family", "os_major", "os_minor", "os_patch", "os_patch_minor", "os_version", "device_family"]
  yauaa = ["device_class", "agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
~}}
-- The events of the run (the rows snowplow_web_base_event_rows_this_run lists) with every atomic column.
-- domain_userid is the session's, from the manifest; page_view_id comes from the web page context; enrichment
-- contexts are flattened as iab_*, ua_*, yauaa_*. A view on DuckDB, a table elsewhere (see the materialization macro).
select
    {{ first_element "e.contexts_com_snowplowanalytics_snowplow_web_page_1" }}.id as page_view_id,
    k.domain_userid,
    {{ snowplow_event_columns "e" "k" ["domain_userid", "contexts_com_snowplowanalytics_snowplow_web_page_1"] }},
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
inner join {{ ref "snowplow_web_base_event_rows_this_run" }} as k on {{ snowplow_event_row_match "e" "k" }}
where {{ snowplow_event_bounds "e" (ref "snowplow_web_base_event_rows_this_run") }}
