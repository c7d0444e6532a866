-- The events of the run (the rows snowplow_web_base_event_rows_this_run lists) with every atomic column.
-- domain_userid is the session's, from the manifest; page_view_id comes from the web page context; enrichment
-- contexts are flattened as iab_*, ua_*, yauaa_* (on DuckDB each event's row of atomic.events too: see
-- snowplow_kept_by_row). A view on DuckDB, a table elsewhere (see the materialization macro).
select
    e.contexts_com_snowplowanalytics_snowplow_web_page_1[0].id as page_view_id,
    k.domain_userid,
    e.* except (domain_userid, contexts_com_snowplowanalytics_snowplow_web_page_1),

    cast(null as string) as iab_category,

    cast(null as string) as iab_primary_impact,

    cast(null as string) as iab_reason,

    cast(null as boolean) as iab_spider_or_robot,


    cast(null as string) as ua_useragent_family,

    cast(null as string) as ua_useragent_major,

    cast(null as string) as ua_useragent_minor,

    cast(null as string) as ua_useragent_patch,

    cast(null as string) as ua_useragent_version,

    cast(null as string) as ua_os_family,

    cast(null as string) as ua_os_major,

    cast(null as string) as ua_os_minor,

    cast(null as string) as ua_os_patch,

    cast(null as string) as ua_os_patch_minor,

    cast(null as string) as ua_os_version,

    cast(null as string) as ua_device_family,


    cast(null as string) as yauaa_device_class,

    cast(null as string) as yauaa_agent_class,

    cast(null as string) as yauaa_agent_name,

    cast(null as string) as yauaa_agent_name_version,

    cast(null as string) as yauaa_agent_name_version_major,

    cast(null as string) as yauaa_agent_version,

    cast(null as string) as yauaa_agent_version_major,

    cast(null as string) as yauaa_device_brand,

    cast(null as string) as yauaa_device_name,

    cast(null as string) as yauaa_device_version,

    cast(null as string) as yauaa_layout_engine_class,

    cast(null as string) as yauaa_layout_engine_name,

    cast(null as string) as yauaa_layout_engine_name_version,

    cast(null as string) as yauaa_layout_engine_name_version_major,

    cast(null as string) as yauaa_layout_engine_version,

    cast(null as string) as yauaa_layout_engine_version_major,

    cast(null as string) as yauaa_operating_system_class,

    cast(null as string) as yauaa_operating_system_name,

    cast(null as string) as yauaa_operating_system_name_version,

    cast(null as string) as yauaa_operating_system_version


from `main`.`atomic`.`events` as e
inner join `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run` as k on struct(e.event_id, e.collector_tstamp, e.etl_tstamp, e.load_tstamp) = k.event_row
where e.collector_tstamp between (select min(collector_tstamp) from `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run`) and (select max(collector_tstamp) from `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run`)
        and e.load_tstamp_date >= cast((select min(collector_tstamp) from `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run`) as date)
