-- One row per media item. A full build aggregates every play of the plays table. Later runs keep their own
-- watermark (last_base_tstamp, not the run limits): plays that started after it and ended more than
-- snowplow__max_media_pv_window hours ago are added to the stored totals, averages weighted by plays, and only the
-- media they touch are rewritten.

with watermark as (
    select max(last_base_tstamp) as last_base_tstamp, count(*) as stored from "main_derived"."snowplow_media_player_media_stats"
),

-- the plays that matured since the last run (all of them into an empty table)
new_plays as (
    select b.*, b.start_tstamp > w.last_base_tstamp as after_watermark
    from "main_derived"."snowplow_media_player_base" as b
    cross join watermark as w
    where (b.end_tstamp + interval (10) hour) < cast(get_current_timestamp() at time zone 'UTC' as timestamp)
        and (w.stored = 0 or b.start_tstamp > w.last_base_tstamp)
),

new_stats as (
    select
        media_id,
        media_label,
        media_type,
        media_player_type,
        max(duration) as duration,
        sum(play_time_sec) as play_time_sec,
        min(case when is_played then start_tstamp end) as first_play,
        max(case when is_played then start_tstamp end) as last_play,
        count(case when is_played then 1 end) as plays,
        count(case when is_valid_play then 1 end) as valid_plays,
        count(case when is_complete_play then 1 end) as complete_plays,
        count(distinct page_view_id) as impressions,
        avg(case when is_played then avg_playback_rate end) as avg_playback_rate,
        avg(case when is_played then coalesce(play_time_sec, 0) / nullif(duration, 0) end) as avg_percent_played,
        avg(case when is_played then retention_rate end) as avg_retention_rate,
        max(start_tstamp) as last_base,
        sum(case when after_watermark then coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '10')), 0) end) as _10_percent_reached,
        sum(case when after_watermark then coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '25')), 0) end) as _25_percent_reached,
        sum(case when after_watermark then coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '50')), 0) end) as _50_percent_reached,
        sum(case when after_watermark then coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '75')), 0) end) as _75_percent_reached,
        sum(case when after_watermark then coalesce(len(list_filter(string_split(percent_progress_reached, ','), item -> item = '100')), 0) end) as _100_percent_reached
    from new_plays
    group by media_id, media_label, media_type, media_player_type
),

combined as (
    select
        n.media_id,
        n.media_label,
        greatest(n.duration, coalesce(t.duration, 0)) as duration,
        n.media_type,
        n.media_player_type,
        n.play_time_sec / 60.0 + coalesce(t.play_time_min, 0) as play_time_min,
        least(n.first_play, coalesce(t.first_play, cast('2999-01-01 00:00:00' as timestamp))) as first_play,
        greatest(n.last_play, coalesce(t.last_play, cast('2000-01-01 00:00:00' as timestamp))) as last_play,
        n.plays + coalesce(t.plays, 0) as plays,
        n.valid_plays + coalesce(t.valid_plays, 0) as valid_plays,
        n.complete_plays + coalesce(t.complete_plays, 0) as complete_plays,
        n.impressions + coalesce(t.impressions, 0) as impressions,

        n.avg_playback_rate * n.plays / nullif(n.plays + coalesce(t.plays, 0), 0)
            + coalesce(t.avg_playback_rate, 0) * coalesce(t.plays, 0) / nullif(n.plays + coalesce(t.plays, 0), 0) as avg_playback_rate,

        n.avg_percent_played * n.plays / nullif(n.plays + coalesce(t.plays, 0), 0)
            + coalesce(t.avg_percent_played, 0) * coalesce(t.plays, 0) / nullif(n.plays + coalesce(t.plays, 0), 0) as avg_percent_played,

        n.avg_retention_rate * n.plays / nullif(n.plays + coalesce(t.plays, 0), 0)
            + coalesce(t.avg_retention_rate, 0) * coalesce(t.plays, 0) / nullif(n.plays + coalesce(t.plays, 0), 0) as avg_retention_rate,

        (select max(last_base) from new_stats) as last_base_tstamp,
        coalesce(cast(n._10_percent_reached + coalesce(t._10_percent_reached, 0) as int), 0) as _10_percent_reached,
        coalesce(cast(n._25_percent_reached + coalesce(t._25_percent_reached, 0) as int), 0) as _25_percent_reached,
        coalesce(cast(n._50_percent_reached + coalesce(t._50_percent_reached, 0) as int), 0) as _50_percent_reached,
        coalesce(cast(n._75_percent_reached + coalesce(t._75_percent_reached, 0) as int), 0) as _75_percent_reached,
        coalesce(cast(n._100_percent_reached + coalesce(t._100_percent_reached, 0) as int), 0) as _100_percent_reached
    from new_stats as n
    left join "main_derived"."snowplow_media_player_media_stats" as t on t.media_id = n.media_id
)

select
    media_id,
    media_label,
    duration,
    media_type,
    media_player_type,
    cast(play_time_min as double) as play_time_min,
    cast(play_time_min / nullif(plays, 0) as double) as avg_play_time_min,
    first_play,
    last_play,
    plays,
    valid_plays,
    complete_plays,
    impressions,
    cast(avg_playback_rate as double) as avg_playback_rate,
    cast(plays / nullif(impressions, 0) as double) as play_rate,
    cast(complete_plays / nullif(plays, 0) as double) as completion_rate_by_plays,
    cast(avg_percent_played as double) as avg_percent_played,
    cast(avg_retention_rate as double) as avg_retention_rate,
    last_base_tstamp,
    _10_percent_reached,
    _25_percent_reached,
    _50_percent_reached,
    _75_percent_reached,
    _100_percent_reached
from combined
