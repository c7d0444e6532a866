{{ config tags: ["snowplow_web_incremental"] materialized: "table" schema: "scratch" run_scoped: true }}
-- How far each page view was scrolled, in pixels and as a percentage of the document.
with offsets as (
    select
        page_view_id,
        domain_sessionid,
        max(doc_width) as doc_width,
        max(doc_height) as doc_height,
        max(br_viewwidth) as br_viewwidth,
        max(br_viewheight) as br_viewheight,
        least(greatest(min(coalesce(pp_xoffset_min, 0)), 0), max(doc_width)) as hmin,
        least(greatest(max(coalesce(pp_xoffset_max, 0)), 0), max(doc_width)) as hmax,
        least(greatest(min(coalesce(pp_yoffset_min, 0)), 0), max(doc_height)) as vmin,
        least(greatest(max(coalesce(pp_yoffset_max, 0)), 0), max(doc_height)) as vmax
    from {{ ref "snowplow_web_base_events_this_run" }}
    where event_name in ('page_view', 'page_ping')
        and page_view_id is not null
        and doc_height > 0
        and doc_width > 0
    group by page_view_id, domain_sessionid
)

select
    page_view_id,
    domain_sessionid,
    doc_width,
    doc_height,
    br_viewwidth,
    br_viewheight,
    hmin,
    hmax,
    vmin,
    vmax,
    cast(round(100 * (greatest(hmin, 0) / cast(doc_width as double))) as double) as relative_hmin,
    cast(round(100 * (least(hmax + br_viewwidth, doc_width) / cast(doc_width as double))) as double) as relative_hmax,
    cast(round(100 * (greatest(vmin, 0) / cast(doc_height as double))) as double) as relative_vmin,
    cast(round(100 * (least(vmax + br_viewheight, doc_height) / cast(doc_height as double))) as double) as relative_vmax
from offsets
