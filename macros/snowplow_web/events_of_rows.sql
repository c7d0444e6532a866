{{~
# The wide rows of the web events a narrow relation lists (alias k): page_view_id from the web page context, the
# session's domain_userid (k's), every other atomic column, the enrichment contexts flattened as iab_*, ua_* and
# yauaa_*, then k's `extra` columns. snowplow_web_base_events_this_run is this over the run's event rows; where the
# page views are found by row (snowplow_kept_by_row) their wide rows are this over the kept page views (below).
func snowplow_web_events_of(rows, extra)
  iab = ["category", "primary_impact", "reason", "spider_or_robot"]
  ua = ["useragent_family", "useragent_major", "useragent_minor", "useragent_patch", "useragent_version", "os_family", "os_major", "os_minor", "os_patch", "os_patch_minor", "os_version", "device_family"]
  yauaa = ["device_class", "agent_class", "agent_name", "agent_name_version", "agent_name_version_major", "agent_version", "agent_version_major", "device_brand", "device_name", "device_version", "layout_engine_class", "layout_engine_name", "layout_engine_name_version", "layout_engine_name_version_major", "layout_engine_version", "layout_engine_version_major", "operating_system_class", "operating_system_name", "operating_system_name_version", "operating_system_version"]
  capture sql ~}}
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
    {{ if var "snowplow__enable_yauaa" }}cast({{ first_element "e.contexts_nl_basjes_yauaa_context_1" }}.{{ field }} as string){{ else }}cast(null as string){{ end }} as yauaa_{{ field }}{{ if !for.last || extra.size > 0 }},{{ end }}
    {{~ end }}
    {{~ for column in extra }}
    k.{{ column }}{{ if !for.last }},{{ end }}
    {{~ end }}
from {{ source "atomic" "events" }} as e
inner join {{ rows }} as k on {{ snowplow_event_row_match "e" "k" }}
where {{ snowplow_event_bounds "e" rows }}
{{~ end
  ret sql
end

# The kept page views (`indexes`) with their wide rows and their places in their sessions: the events of the run's
# select over their rows of atomic.events, or the events of the run (a table) read back on event_id, event_name
# again so that it reaches the scan and only page views' wide rows are read.
func snowplow_web_indexed_page_views(indexes, events_this_run)
  columns = ["page_view_in_session_index", "page_views_in_session"]
  ret snowplow_kept_by_row ? snowplow_web_events_of(indexes, columns) : snowplow_kept_joined_back(indexes, events_this_run, columns, "e.event_name = 'page_view'")
end
~}}
