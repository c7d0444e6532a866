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
        cast(e.unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.label as string) as media_label,
        round(cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].duration as double)) as duration,
        e.geo_region_name,
        e.br_name,
        e.dvce_type,
        e.os_name,
        e.os_timezone,
        cast(e.unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.type as string) as event_type,
        e.derived_tstamp as start_tstamp,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].current_time as double) as player_current_time,
        coalesce(cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].playback_rate as double), 1) as playback_rate,
        case when e.unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.type = 'ended' then 100 else cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].percent_progress as int) end as percent_progress,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].muted as boolean) as is_muted,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].is_live as string) as is_live,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].loop as string) as loop,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_1[1].volume as string) as volume,
        coalesce(cast(e.contexts_com_youtube_youtube_1[1].player_id as string), cast(e.contexts_org_whatwg_media_element_1[1].html_id as string)) as media_id,
        case when e.contexts_com_youtube_youtube_1[1].player_id is not null then 'com.youtube-youtube' when e.contexts_org_whatwg_media_element_1[1].html_id is not null then 'org.whatwg-media_element' else 'unknown' end as media_player_type,
        coalesce(cast(e.contexts_com_youtube_youtube_1[1].url as string), cast(e.contexts_org_whatwg_media_element_1[1].current_src as string)) as source_url,
        case when e.contexts_org_whatwg_media_element_1[1].media_type = 'audio' then 'audio' else 'video' end as media_type,
        coalesce(cast(e.contexts_com_youtube_youtube_1[1].playback_quality as string), cast(e.contexts_org_whatwg_video_element_1[1].video_width as string) || 'x' || cast(e.contexts_org_whatwg_video_element_1[1].video_height as string)) as playback_quality
    from "main_scratch"."snowplow_web_base_events_this_run" as e
    where e.event_name = 'media_player_event'
)

select
    md5(coalesce(cast(i.page_view_id as string), '') || '-' || coalesce(cast(i.media_id as string), '')) as play_id,
    i.*,
    coalesce(cast(round(p.weight_rate * i.duration / 100) as int), 0) as play_time_sec,
    case when i.is_muted then coalesce(cast(round(p.weight_rate * i.duration / 100) as int), 0) else 0 end as play_time_sec_muted
from interactions as i
left join "modelrunner_run"."main_scratch"."snowplow_media_player_pivot_base" as p on i.percent_progress = p.percent_progress
