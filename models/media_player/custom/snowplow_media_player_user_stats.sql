-- Custom model (switched off by default): media per user, from the media per session. Minutes are truncated to
-- whole numbers, as Databricks casts them.
select
    domain_userid,
    min(case when video_plays + audio_plays > 0 then start_tstamp end) as first_play,
    max(case when video_plays + audio_plays > 0 then start_tstamp end) as last_play,
    sum(video_plays) as video_plays,
    sum(audio_plays) as audio_plays,
    sum(valid_video_plays) as valid_video_plays,
    sum(valid_audio_plays) as valid_audio_plays,
    sum(complete_plays) as complete_plays,
    sum(seeks) as seeks,
    cast(trunc(sum(play_time_min)) as int) as play_time_min,
    coalesce(cast(trunc(avg(case when video_plays + audio_plays > 0 then avg_play_time_min end)) as int), 0) as avg_session_play_time_min,
    cast(coalesce(avg(avg_percent_played), 0) as double) as avg_percent_played
from {{ ref "snowplow_media_player_session_stats" }}
group by domain_userid
