-- Custom model (switched off by default): media per session, rebuilt from every play.
select
    domain_sessionid,
    domain_userid,
    count(*) as impressions,
    count(distinct case when is_played and media_type = 'video' then media_id end) as videos_played,
    count(distinct case when is_played and media_type = 'audio' then media_id end) as audio_played,
    count(case when is_played and media_type = 'video' then 1 end) as video_plays,
    count(case when is_played and media_type = 'audio' then 1 end) as audio_plays,
    count(case when is_valid_play and media_type = 'video' then 1 end) as valid_video_plays,
    count(case when is_valid_play and media_type = 'audio' then 1 end) as valid_audio_plays,
    min(start_tstamp) as start_tstamp,
    max(end_tstamp) as end_tstamp,
    sum(seeks) as seeks,
    cast(sum(play_time_sec / 60.0) as double) as play_time_min,
    cast(sum(play_time_sec_muted / 60.0) as double) as play_time_min_muted,
    cast(coalesce(avg(case when is_played then play_time_sec / 60.0 end), 0) as double) as avg_play_time_min,
    cast(coalesce(avg(case when is_played then coalesce(play_time_sec / nullif(duration, 0), 0) end), 0) as double) as avg_percent_played,
    count(case when is_complete_play then 1 end) as complete_plays
from {{ ref "snowplow_media_player_base" }}
group by domain_sessionid, domain_userid
