with __mr_cte__snowplow_media_player_base_this_run as (
-- Ephemeral: its one reader, snowplow_media_player_base, inlines it, so its rows are written once (README, "Run-scoped tables").
-- One row per play (page view and media) of the run. Its events are grouped by play and by the session and page
-- fields; a play seen in several sessions keeps the group that started first. Retention is the highest milestone
-- reached before the first seek of any of the play's groups; the duration is the media's longest in the run.
with interactions as (
    select * from `main`.`analytics_scratch`.`snowplow_media_player_interactions_this_run`
),

grouped as (
    select
        play_id,
        page_view_id,
        media_id,
        media_label,
        domain_sessionid,
        domain_userid,
        media_type,
        media_player_type,
        page_referrer,
        page_url,
        geo_region_name,
        br_name,
        dvce_type,
        os_name,
        os_timezone,
        max(source_url) as source_url,
        min(start_tstamp) as start_tstamp,
        max(start_tstamp) as end_tstamp,
        count(case when event_type = 'play' then 1 end) as plays,
        count(case when event_type in ('seek', 'seeked') then 1 end) as seeks,
        cast(sum(play_time_sec) as bigint) as play_time_sec,
        cast(sum(play_time_sec_muted) as bigint) as play_time_sec_muted,
        coalesce(sum(playback_rate * play_time_sec) / nullif(sum(play_time_sec), 0), max(playback_rate)) as avg_playback_rate,
        nullif(array_join(transform(array_sort(collect_list(named_struct('k', percent_progress, 'v', cast(percent_progress as string)))), x -> x.v), ','), '') as percent_progress_reached,
        min(case when event_type in ('seek', 'seeked') then start_tstamp end) as first_seek_time,
        max(percent_progress) as max_percent_progress
    from interactions
    group by play_id, page_view_id, media_id, media_label, domain_sessionid, domain_userid, media_type, media_player_type,
        page_referrer, page_url, geo_region_name, br_name, dvce_type, os_name, os_timezone
),

kept as (
    select *
    from grouped
    qualify row_number() over (partition by play_id order by start_tstamp, domain_sessionid) = 1
),

retention as (
    select g.play_id, max(i.percent_progress) as retained_progress
    from grouped as g
    inner join interactions as i on i.play_id = g.play_id and i.percent_progress is not null
    where g.first_seek_time is null or i.start_tstamp <= g.first_seek_time
    group by g.play_id
),

durations as (
    select media_id, max(duration) as duration
    from interactions
    group by media_id
)

select
    k.play_id,
    k.page_view_id,
    k.media_id,
    k.media_label,
    k.domain_sessionid,
    k.domain_userid,
    d.duration,
    k.media_type,
    k.media_player_type,
    k.page_referrer,
    k.page_url,
    k.source_url,
    k.geo_region_name,
    k.br_name,
    k.dvce_type,
    k.os_name,
    k.os_timezone,
    k.start_tstamp,
    k.end_tstamp,
    k.play_time_sec,
    k.play_time_sec_muted,
    k.plays > 0 as is_played,
    k.play_time_sec > 30 as is_valid_play,
    coalesce(k.play_time_sec / nullif(d.duration, 0) >= 0.99, false) as is_complete_play,
    cast(k.avg_playback_rate as double) as avg_playback_rate,
    cast(coalesce(case when r.retained_progress > k.max_percent_progress then k.max_percent_progress else r.retained_progress end / 100.0, 0) as double) as retention_rate,
    k.seeks,
    k.percent_progress_reached
from kept as k
left join retention as r on r.play_id = k.play_id
left join durations as d on d.media_id is not distinct from k.media_id
)
-- Plays of both generations, upserted from this run's (only when the run has events this table has not processed):
-- v1 plays (page view and media, from media_player_event) and v2 plays (media sessions, from the per-event v2
-- schemas), in the same columns. A play recomputed in a later run replaces its row.
select * from (
    select * from __mr_cte__snowplow_media_player_base_this_run
    union all
    select * from `main`.`analytics_scratch`.`snowplow_media_player_v2_plays_this_run`
) as plays

where ((select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_media_player_base') is null or (select upper_limit from `main`.`analytics_scratch`.`snowplow_web_base_new_event_limits`) > (select max(last_success) from `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest` where model = 'snowplow_media_player_base'))
