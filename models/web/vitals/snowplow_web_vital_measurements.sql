{{ config tags: ["snowplow_web_incremental"] enabled: (var "snowplow__enable_cwv") materialized: "table" schema: "derived" }}
{{~
  p = var "snowplow__cwv_percentile"
  days = var "snowplow__cwv_days_to_measure"
  fraction = "0." + p
  period = "'last " + days + " days'"
  metrics = [["lcp", 2.5, 4], ["fid", 100, 300], ["cls", 0.1, 0.25], ["ttfb", 800, 1800], ["inp", 200, 500]]
~}}
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
        coalesce(time_period, {{ period }}) as time_period,
        count(*) as page_view_count,
        {{~ for m in metrics }}
        {{ percentile_cont ("cast(" + m[0] + " as double)") fraction }} as {{ m[0] }}_{{ p }}p{{ if !for.last }},{{ end }}
        {{~ end }}
    from (
        select page_url, device_class, geo_country, cast(date_trunc('day', derived_tstamp) as string) || '.000' as time_period, lcp, fid, cls, ttfb, inp
        from {{ ref "snowplow_web_vitals" }}
        where cast(derived_tstamp as date) >= cast({{ add_days (snowplow_current_timestamp) (-days) }} as date)
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
    {{~ for m in metrics }}
    {{ snowplow_web_vital_round3 ("m." + m[0] + "_" + p + "p") }} as {{ m[0] }}_{{ p }}p,
    {{~ end }}
    {{~ for m in metrics }}
    {{ snowplow_web_vital_rating ("m." + m[0] + "_" + p + "p") m[1] m[2] }} as {{ m[0] }}_result,
    {{~ end }}
    case when {{ snowplow_web_vital_rating ("m.lcp_" + p + "p") 2.5 4 }} = 'good' and {{ snowplow_web_vital_rating ("m.fid_" + p + "p") 100 300 }} = 'good'
        and {{ snowplow_web_vital_rating ("m.cls_" + p + "p") 0.1 0.25 }} = 'good' then 1 else 0 end as passed
from measured as m
left join {{ ref "dim_geo_country_mapping" }} as c on lower(m.geo_country) = lower(c.alpha_2)
