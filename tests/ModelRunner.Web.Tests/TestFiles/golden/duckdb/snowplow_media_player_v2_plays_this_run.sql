-- One row per v2 media session of the run (a play), in the columns of the 0.5.3 plays table
-- (snowplow_media_player_base) where they mean the same. The tracker measures play time in the media session
-- context (time_played, time_played_muted); without that context the play time is the share of the duration up to
-- the highest progress reached. Seeks are seek_end_event; retention is the highest milestone reached before the
-- first seek; the page, session and device fields are the session's first event's. v2 has no media id: a media item
-- is its label on its player (snowplow_media_player_v2_media_id).
with events as (
    select * from "modelrunner_run"."main_scratch"."snowplow_media_player_v2_events_this_run"
),

firsts as (
    select *
    from events
    qualify row_number() over (partition by media_session_id order by event_tstamp, event_id) = 1
)
,

milestones as (
    select distinct media_session_id, percent_progress
    from events
    where percent_progress is not null
),

reached as (
    select media_session_id, string_agg(cast(percent_progress as string), ',' order by percent_progress) as percent_progress_reached
    from milestones
    group by media_session_id
),

totals as (
    select
        media_session_id,
        min(event_tstamp) as start_tstamp,
        max(event_tstamp) as end_tstamp,
        max(duration) as duration,
        count(case when event_name = 'play_event' then 1 end) as plays,
        count(case when event_name = 'seek_end_event' then 1 end) as seeks,
        min(case when event_name in ('seek_start_event', 'seek_end_event') then event_tstamp end) as first_seek_time,
        max(percent_progress) as max_percent_progress,
        max(time_played) as time_played,
        max(time_played_muted) as time_played_muted,
        max(session_avg_playback_rate) as session_avg_playback_rate,
        avg(case when left(event_name, 3) <> 'ad_' then playback_rate end) as event_playback_rate
    from events
    group by media_session_id
),

retention as (
    select t.media_session_id, max(e.percent_progress) as retained_progress
    from totals as t
    inner join events as e on e.media_session_id = t.media_session_id and e.percent_progress is not null
    where t.first_seek_time is null or e.event_tstamp <= t.first_seek_time
    group by t.media_session_id
),

plays as (
    select
        t.*,
        cast(round(coalesce(t.time_played, t.max_percent_progress * t.duration / 100.0, 0)) as bigint) as play_time_sec,
        cast(round(coalesce(t.time_played_muted, 0)) as bigint) as play_time_sec_muted
    from totals as t
)

select
    p.media_session_id as play_id,
    f.page_view_id,
    coalesce(f.media_label || '@' || f.media_player_type, f.media_player_type) as media_id,
    f.media_label,
    f.domain_sessionid,
    f.domain_userid,
    cast(round(p.duration) as double) as duration,
    f.media_type,
    f.media_player_type,
    f.page_referrer,
    f.page_url,
    cast(null as string) as source_url,
    f.geo_region_name,
    f.br_name,
    f.dvce_type,
    f.os_name,
    f.os_timezone,
    p.start_tstamp,
    p.end_tstamp,
    p.play_time_sec,
    p.play_time_sec_muted,
    p.plays > 0 or p.play_time_sec > 0 as is_played,
    p.play_time_sec > 30 as is_valid_play,
    coalesce(p.play_time_sec / nullif(p.duration, 0) >= 0.99, false) as is_complete_play,
    cast(coalesce(p.session_avg_playback_rate, p.event_playback_rate) as double) as avg_playback_rate,
    cast(coalesce(r.retained_progress, 0) / 100.0 as double) as retention_rate,
    p.seeks,
    m.percent_progress_reached
from plays as p
inner join firsts as f on f.media_session_id = p.media_session_id
left join retention as r on r.media_session_id = p.media_session_id
left join reached as m on m.media_session_id = p.media_session_id
