{{~ mp = first_element "e.contexts_com_snowplowanalytics_snowplow_media_player_1"
    ev = "e.unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1" ~}}
-- One row per media player event of the run: the play it belongs to (page view and media), its position, rate,
-- progress milestone and the play time that milestone stands for (its bucket's share of the duration).
with interactions as (
    select
        e.event_id,
        e.page_view_id,
        e.domain_sessionid,
        e.domain_userid,
        e.page_referrer,
        e.page_url,
        cast({{ ev }}.label as string) as media_label,
        round(cast({{ mp }}.duration as double)) as duration,
        e.geo_region_name,
        e.br_name,
        e.dvce_type,
        e.os_name,
        e.os_timezone,
        cast({{ ev }}.type as string) as event_type,
        e.derived_tstamp as start_tstamp,
        cast({{ mp }}.current_time as double) as player_current_time,
        coalesce(cast({{ mp }}.playback_rate as double), 1) as playback_rate,
        case when {{ ev }}.type = 'ended' then 100 else cast({{ mp }}.percent_progress as int) end as percent_progress,
        cast({{ mp }}.muted as boolean) as is_muted,
        cast({{ mp }}.is_live as string) as is_live,
        cast({{ mp }}.loop as string) as loop,
        cast({{ mp }}.volume as string) as volume,
        {{ snowplow_media_player_media_columns }}
    from {{ ref "snowplow_web_base_events_this_run" }} as e
    where e.event_name = 'media_player_event'
)

select
    md5(coalesce(cast(i.page_view_id as string), '') || '-' || coalesce(cast(i.media_id as string), '')) as play_id,
    i.*,
    coalesce(cast(round(p.weight_rate * i.duration / 100) as int), 0) as play_time_sec,
    case when i.is_muted then coalesce(cast(round(p.weight_rate * i.duration / 100) as int), 0) else 0 end as play_time_sec_muted
from interactions as i
left join {{ ref "snowplow_media_player_pivot_base" }} as p on i.percent_progress = p.percent_progress
