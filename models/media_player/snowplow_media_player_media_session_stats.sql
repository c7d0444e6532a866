{{ config materialized: "incremental" unique_key: "media_session_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" 30] }}
-- One row per v2 media session: the time played, paused, buffering and in ads as the media session context reports
-- them (the tracker's own running totals, read at the session's last event), with the counts of what happened in it.
-- A session without the context has its counts, and no times. Upserted from this run's sessions, as the plays are.
{{ snowplow_media_player_v2_session_ctes (ref "snowplow_media_player_v2_events_this_run") }},

totals as (
    select
        media_session_id,
        min(event_tstamp) as start_tstamp,
        max(event_tstamp) as end_tstamp,
        max(duration) as duration,
        max(time_played) as time_played_sec,
        max(time_played_muted) as time_played_muted_sec,
        max(time_paused) as time_paused_sec,
        max(time_buffering) as time_buffering_sec,
        max(time_spent_ads) as time_spent_ads_sec,
        max(content_watched) as content_watched_sec,
        max(session_avg_playback_rate) as avg_playback_rate,
        max(ads) as ads,
        max(ads_clicked) as ads_clicked,
        max(ads_skipped) as ads_skipped,
        max(ad_breaks) as ad_breaks,
        count(case when event_name = 'play_event' then 1 end) as plays,
        count(case when event_name = 'pause_event' then 1 end) as pauses,
        count(case when event_name = 'seek_end_event' then 1 end) as seeks,
        count(case when event_name = 'buffer_start_event' then 1 end) as buffering_events,
        count(case when event_name = 'playback_rate_change_event' then 1 end) as playback_rate_changes,
        count(case when event_name = 'volume_change_event' then 1 end) as volume_changes,
        count(case when event_name = 'error_event' then 1 end) as errors,
        count(case when event_name = 'end_event' then 1 end) > 0 as is_ended,
        max(percent_progress) as max_percent_progress
    from events
    group by media_session_id
)

select
    t.media_session_id,
    f.media_label,
    {{ snowplow_media_player_v2_media_id "f" }} as media_id,
    f.media_type,
    f.media_player_type,
    f.platform,
    f.app_id,
    f.page_view_id,
    f.domain_sessionid,
    f.domain_userid,
    f.user_id,
    t.start_tstamp,
    t.end_tstamp,
    cast(t.duration as double) as duration,
    cast(t.time_played_sec as double) as time_played_sec,
    cast(t.time_played_muted_sec as double) as time_played_muted_sec,
    cast(t.time_paused_sec as double) as time_paused_sec,
    cast(t.time_buffering_sec as double) as time_buffering_sec,
    cast(t.time_spent_ads_sec as double) as time_spent_ads_sec,
    cast(t.content_watched_sec as double) as content_watched_sec,
    cast(t.avg_playback_rate as double) as avg_playback_rate,
    t.ads,
    t.ads_clicked,
    t.ads_skipped,
    t.ad_breaks,
    t.plays,
    t.pauses,
    t.seeks,
    t.buffering_events,
    t.playback_rate_changes,
    t.volume_changes,
    t.errors,
    t.is_ended,
    -- abandoned: it played, but stopped before the end and short of snowplow__complete_play_rate of the content
    t.plays > 0 and not t.is_ended
        and coalesce(t.content_watched_sec / nullif(t.duration, 0), t.max_percent_progress / 100.0, 0) < {{ var "snowplow__complete_play_rate" }} as is_abandoned
from totals as t
inner join firsts as f on f.media_session_id = t.media_session_id
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_media_player_media_session_stats" }}
{{~ end }}
