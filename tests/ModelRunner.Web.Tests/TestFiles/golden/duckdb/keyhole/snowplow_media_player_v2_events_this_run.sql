-- The v2 media events (one schema per event, vendor com.snowplowanalytics.snowplow.media: play_event, pause_event,
-- percent_progress_event, ad_start_event …) of the media sessions active in the web package's run window, from web
-- pages and from mobile apps: every event of those sessions, back to snowplow__media_session_lookback_days before the
-- window, so a media session that spans two runs is recomputed whole. De-duplicated on event_id (earliest
-- collector_tstamp). The session and user are web's (domain_sessionid, domain_userid) or, in an app, the client
-- session context's; the page view is the web page context's, or in an app the screen's.
with limits as (
    select lower_limit, upper_limit from "main_scratch"."snowplow_web_base_new_event_limits"
),

media_events as (
    select
        e.event_id,
        e.event_name,
        e.platform,
        e.app_id,
        e.collector_tstamp,
        e.etl_tstamp,
        e.derived_tstamp as event_tstamp,
        coalesce(cast(e.contexts_com_snowplowanalytics_snowplow_web_page_1[1].id as string), cast(e.contexts_com_snowplowanalytics_mobile_screen_1[1].id as string)) as page_view_id,
        coalesce(e.domain_sessionid, cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_id as string)) as domain_sessionid,
        coalesce(e.domain_userid, cast(e.contexts_com_snowplowanalytics_snowplow_client_session_1[1].user_id as string)) as domain_userid,
        e.user_id,
        e.page_referrer,
        e.page_url,
        e.geo_region_name,
        e.br_name,
        e.dvce_type,
        e.os_name,
        e.os_timezone,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].media_session_id as string) as context_media_session_id,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].label as string) as media_label,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].duration as double) as duration,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].media_type as string) as media_type,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].player_type as string) as media_player_type,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].current_time as double) as player_current_time,
        coalesce(cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].playback_rate as double), 1) as playback_rate,
        coalesce(cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].muted as boolean), false) as is_muted,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_player_2[1].quality as string) as quality,
        case e.event_name
            when 'percent_progress_event' then cast(e.unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1.percent_progress as int)
            when 'end_event' then 100
        end as percent_progress,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].time_played as double) as time_played,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].time_played_muted as double) as time_played_muted,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].time_paused as double) as time_paused,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].content_watched as double) as content_watched,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].time_buffering as double) as time_buffering,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].time_spent_ads as double) as time_spent_ads,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].ads as int) as ads,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].ads_clicked as int) as ads_clicked,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].ads_skipped as int) as ads_skipped,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].ad_breaks as int) as ad_breaks,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_session_1[1].avg_playback_rate as double) as session_avg_playback_rate,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].ad_id as string) as ad_id,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].name as string) as ad_name,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].creative_id as string) as ad_creative_id,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].pod_position as int) as ad_pod_position,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].duration as double) as ad_duration,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_1[1].skippable as boolean) as ad_skippable,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_break_1[1].break_id as string) as ad_break_id,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_break_1[1].name as string) as ad_break_name,
        cast(e.contexts_com_snowplowanalytics_snowplow_media_ad_break_1[1].break_type as string) as ad_break_type
    from "atomic"."events" as e
    cross join limits
    where e.event_vendor = 'com.snowplowanalytics.snowplow.media'
        and e.collector_tstamp >= (limits.lower_limit + interval (-3) day)
        and e.collector_tstamp <= (limits.upper_limit + interval (3) day)
),

keyed as (
    -- Without the (optional) media session context, a play is its player's label on one page view or screen.
    select
        coalesce(context_media_session_id,
            md5(coalesce(page_view_id, '') || '-' || coalesce(media_player_type, '') || '-' || coalesce(media_label, ''))) as media_session_id,
        *
    from media_events
),

sessions_this_run as (
    select distinct k.media_session_id
    from keyed as k
    cross join limits
    where k.collector_tstamp >= limits.lower_limit
        and k.collector_tstamp <= limits.upper_limit
)

select k.* exclude (context_media_session_id, etl_tstamp)
from keyed as k
inner join sessions_this_run as s on s.media_session_id = k.media_session_id
qualify row_number() over (partition by k.event_id order by k.collector_tstamp, k.etl_tstamp) = 1
