-- The p-th percentile of each metric over the last N days, overall and by URL and device, device, day, day and
-- device, country, country and device; rated on the unrounded percentile, shown rounded up to 3 decimals.
with measured as (
    select
        case
            when grouping(page_url) = 0 then 'by_url_and_device'
            when grouping(geo_country) = 0 and grouping(device_class) = 0 then 'by_country_and_device'
            when grouping(geo_country) = 0 then 'by_country'
            when grouping(time_period) = 0 and grouping(device_class) = 0 then 'by_day_and_device'
            when grouping(time_period) = 0 then 'by_day'
            when grouping(device_class) = 0 then 'by_device'
            else 'overall'
        end as measurement_type,
        coalesce(page_url, 'all') as page_url,
        coalesce(device_class, 'all') as device_class,
        coalesce(geo_country, 'all') as geo_country,
        coalesce(time_period, 'last 28 days') as time_period,
        count(*) as page_view_count,

        percentile_cont(0.75) within group (order by cast(lcp as double)) as lcp_75p,

        percentile_cont(0.75) within group (order by cast(fid as double)) as fid_75p,

        percentile_cont(0.75) within group (order by cast(cls as double)) as cls_75p,

        percentile_cont(0.75) within group (order by cast(ttfb as double)) as ttfb_75p,

        percentile_cont(0.75) within group (order by cast(inp as double)) as inp_75p

    from (
        select page_url, device_class, geo_country, cast(date_trunc('day', derived_tstamp) as string) || '.000' as time_period, lcp, fid, cls, ttfb, inp
        from `main`.`analytics_derived`.`snowplow_web_vitals`
        where cast(derived_tstamp as date) >= cast(timestampadd(DAY, -28, current_timestamp()) as date)
    ) as vitals
    group by grouping sets ((), (page_url, device_class), (device_class), (time_period), (time_period, device_class), (geo_country), (geo_country, device_class))
)

select
    m.page_url || '-' || m.device_class || '-' || m.geo_country || '-' || m.time_period as compound_key,
    m.measurement_type,
    m.page_url,
    m.device_class,
    m.geo_country,
    coalesce(c.name, 'all') as country,
    m.time_period,
    m.page_view_count,

    ceil(m.lcp_75p, 3) as lcp_75p,

    ceil(m.fid_75p, 3) as fid_75p,

    ceil(m.cls_75p, 3) as cls_75p,

    ceil(m.ttfb_75p, 3) as ttfb_75p,

    ceil(m.inp_75p, 3) as inp_75p,


    case when m.lcp_75p is null then 'not measurable' when m.lcp_75p < 2.5 then 'good' when m.lcp_75p < 4 then 'needs improvement' else 'poor' end as lcp_result,

    case when m.fid_75p is null then 'not measurable' when m.fid_75p < 100 then 'good' when m.fid_75p < 300 then 'needs improvement' else 'poor' end as fid_result,

    case when m.cls_75p is null then 'not measurable' when m.cls_75p < 0.1 then 'good' when m.cls_75p < 0.25 then 'needs improvement' else 'poor' end as cls_result,

    case when m.ttfb_75p is null then 'not measurable' when m.ttfb_75p < 800 then 'good' when m.ttfb_75p < 1800 then 'needs improvement' else 'poor' end as ttfb_result,

    case when m.inp_75p is null then 'not measurable' when m.inp_75p < 200 then 'good' when m.inp_75p < 500 then 'needs improvement' else 'poor' end as inp_result,

    case when case when m.lcp_75p is null then 'not measurable' when m.lcp_75p < 2.5 then 'good' when m.lcp_75p < 4 then 'needs improvement' else 'poor' end = 'good' and case when m.fid_75p is null then 'not measurable' when m.fid_75p < 100 then 'good' when m.fid_75p < 300 then 'needs improvement' else 'poor' end = 'good'
        and case when m.cls_75p is null then 'not measurable' when m.cls_75p < 0.1 then 'good' when m.cls_75p < 0.25 then 'needs improvement' else 'poor' end = 'good' then 1 else 0 end as passed
from measured as m
left join `main`.`analytics`.`dim_geo_country_mapping` as c on lower(m.geo_country) = lower(c.alpha_2)
