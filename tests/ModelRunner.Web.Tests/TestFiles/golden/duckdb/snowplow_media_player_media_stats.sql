-- One row per media item. A full build aggregates every play of the plays table. Later runs keep their own
-- watermark (last_base_tstamp, not the run limits): plays that started after it and ended more than
-- snowplow__max_media_pv_window hours ago are added to the stored totals, averages weighted by plays, and only the
-- media they touch are rewritten.

with plays as (
    select * from "main_derived"."snowplow_media_player_base"
)

select
    media_id,
    media_label,
    max(duration) as duration,
    media_type,
    media_player_type,
    cast(sum(play_time_sec) / 60.0 as double) as play_time_min,
    cast(avg(case when is_played then play_time_sec / 60.0 end) as double) as avg_play_time_min,
    min(case when is_played then start_tstamp end) as first_play,
    max(case when is_played then start_tstamp end) as last_play,
    count(case when is_played then 1 end) as plays,
    count(case when is_valid_play then 1 end) as valid_plays,
    count(case when is_complete_play then 1 end) as complete_plays,
    count(distinct page_view_id) as impressions,
    cast(avg(case when is_played then avg_playback_rate end) as double) as avg_playback_rate,
    cast(count(case when is_played then 1 end) / nullif(count(distinct page_view_id), 0) as double) as play_rate,
    cast(count(case when is_complete_play then 1 end) / nullif(count(case when is_played then 1 end), 0) as double) as completion_rate_by_plays,
    cast(avg(case when is_played then coalesce(play_time_sec / nullif(duration, 0), 0) end) as double) as avg_percent_played,
    cast(avg(case when is_played then retention_rate end) as double) as avg_retention_rate,
    (select max(start_tstamp) from plays) as last_base_tstamp,
    cast(sum(coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '10')), 0)) as int) as _10_percent_reached,
    cast(sum(coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '25')), 0)) as int) as _25_percent_reached,
    cast(sum(coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '50')), 0)) as int) as _50_percent_reached,
    cast(sum(coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '75')), 0)) as int) as _75_percent_reached,
    cast(sum(coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '100')), 0)) as int) as _100_percent_reached
from plays
group by media_id, media_label, media_type, media_player_type
