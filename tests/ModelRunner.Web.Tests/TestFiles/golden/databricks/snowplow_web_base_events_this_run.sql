-- The events of the sessions this run processes, within their first max_session_days, not late, de-duplicated
-- on event_id (earliest collector_tstamp, then etl_tstamp). domain_userid is the session's, from the manifest;
-- page_view_id comes from the web page context; enrichment contexts are flattened as iab_*, ua_*, yauaa_*.
with sessions as (
    select * from `main`.`analytics_scratch`.`snowplow_web_base_sessions_this_run`
),

bounds as (
    select
        coalesce(min(start_tstamp), cast('9999-01-01' as timestamp)) as lower_bound,
        coalesce(max(end_tstamp), cast('9999-01-02' as timestamp)) as upper_bound
    from sessions
),

-- The events to keep, found on narrow columns first: reading the wide rows (every atomic column, nested contexts)
-- only for the rows kept is what makes this model fast (see snowplow_event_row).
kept as (
    select
        struct(e.event_id, e.collector_tstamp, e.etl_tstamp, e.load_tstamp) as event_row,
        s.domain_userid
    from `main`.`atomic`.`events` as e
    inner join sessions as s on e.domain_sessionid = s.session_id
    cross join bounds
    where e.collector_tstamp <= timestampadd(DAY, 3, s.start_tstamp)
        and e.dvce_sent_tstamp <= timestampadd(DAY, 3, e.dvce_created_tstamp)
        and e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
        and e.load_tstamp_date >= cast(bounds.lower_bound as date)
    qualify row_number() over (partition by e.event_id order by e.collector_tstamp, e.etl_tstamp) = 1
)

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
inner join kept as k on struct(e.event_id, e.collector_tstamp, e.etl_tstamp, e.load_tstamp) = k.event_row
cross join bounds
-- the same bounds again, so the scan of the wide rows skips the blocks outside the run
where e.collector_tstamp between bounds.lower_bound and bounds.upper_bound
        and e.load_tstamp_date >= cast(bounds.lower_bound as date)
