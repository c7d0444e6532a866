{{ config materialized: "incremental" unique_key: "media_id" incremental_strategy: "merge" }}
{{~
  buckets = array.sort snowplow_media_player_buckets
  base = ref "snowplow_media_player_base"
  now = snowplow_current_timestamp
~}}
-- One row per media item. A full build aggregates every play of the plays table. Later runs keep their own
-- watermark (last_base_tstamp, not the run limits): plays that started after it and ended more than
-- snowplow__max_media_pv_window hours ago are added to the stored totals, averages weighted by plays, and only the
-- media they touch are rewritten.
{{~ if !is_incremental }}
with plays as (
    select * from {{ base }}
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
    (select max(start_tstamp) from plays) as last_base_tstamp{{ for bucket in buckets }},
    cast(sum({{ count_in_list "percent_progress_reached" "','" ("'" + bucket + "'") }}) as int) as _{{ bucket }}_percent_reached
    {{- end }}
from plays
group by media_id, media_label, media_type, media_player_type
{{~ else }}
with watermark as (
    select max(last_base_tstamp) as last_base_tstamp, count(*) as stored from {{ this }}
),

-- the plays that matured since the last run (all of them into an empty table)
new_plays as (
    select b.*, b.start_tstamp > w.last_base_tstamp as after_watermark
    from {{ base }} as b
    cross join watermark as w
    where {{ add_hours "b.end_tstamp" (var "snowplow__max_media_pv_window") }} < {{ now }}
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
        max(start_tstamp) as last_base
        {{- for bucket in buckets }},
        sum(case when after_watermark then {{ count_in_list "percent_progress_reached" "','" ("'" + bucket + "'") }} end) as _{{ bucket }}_percent_reached
        {{- end }}
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
        least(n.first_play, coalesce(t.first_play, {{ timestamp_literal "2999-01-01 00:00:00" }})) as first_play,
        greatest(n.last_play, coalesce(t.last_play, {{ timestamp_literal "2000-01-01 00:00:00" }})) as last_play,
        n.plays + coalesce(t.plays, 0) as plays,
        n.valid_plays + coalesce(t.valid_plays, 0) as valid_plays,
        n.complete_plays + coalesce(t.complete_plays, 0) as complete_plays,
        n.impressions + coalesce(t.impressions, 0) as impressions,
        {{~ for average in ["avg_playback_rate", "avg_percent_played", "avg_retention_rate"] }}
        n.{{ average }} * n.plays / nullif(n.plays + coalesce(t.plays, 0), 0)
            + coalesce(t.{{ average }}, 0) * coalesce(t.plays, 0) / nullif(n.plays + coalesce(t.plays, 0), 0) as {{ average }},
        {{~ end }}
        (select max(last_base) from new_stats) as last_base_tstamp
        {{- for bucket in buckets }},
        coalesce(cast(n._{{ bucket }}_percent_reached + coalesce(t._{{ bucket }}_percent_reached, 0) as int), 0) as _{{ bucket }}_percent_reached
        {{- end }}
    from new_stats as n
    left join {{ this }} as t on t.media_id = n.media_id
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
    last_base_tstamp{{ for bucket in buckets }},
    _{{ bucket }}_percent_reached
    {{- end }}
from combined
{{~ end }}
