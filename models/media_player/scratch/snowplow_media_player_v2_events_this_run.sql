{{~
  mp = first_element "e.contexts_com_snowplowanalytics_snowplow_media_player_2"
  ms = first_element "e.contexts_com_snowplowanalytics_snowplow_media_session_1"
  ad = first_element "e.contexts_com_snowplowanalytics_snowplow_media_ad_1"
  ab = first_element "e.contexts_com_snowplowanalytics_snowplow_media_ad_break_1"
  cs = first_element "e.contexts_com_snowplowanalytics_snowplow_client_session_1"
  sc = first_element "e.contexts_com_snowplowanalytics_mobile_screen_1"
  wp = first_element "e.contexts_com_snowplowanalytics_snowplow_web_page_1"
  progress = "e.unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1"
  lookback = var "snowplow__media_session_lookback_days"
  # A keyhole backfill recomputes the media sessions active in its window from all their events, also those after it.
  upper = event_time_start ? (add_days "limits.upper_limit" lookback) : "limits.upper_limit"
~}}
-- The v2 media events (one schema per event, vendor com.snowplowanalytics.snowplow.media: play_event, pause_event,
-- percent_progress_event, ad_start_event …) of the media sessions active in the web package's run window, from web
-- pages and from mobile apps: every event of those sessions, back to snowplow__media_session_lookback_days before the
-- window, so a media session that spans two runs is recomputed whole. De-duplicated on event_id (earliest
-- collector_tstamp). The session and user are web's (domain_sessionid, domain_userid) or, in an app, the client
-- session context's; the page view is the web page context's, or in an app the screen's.
with limits as (
    select lower_limit, upper_limit from {{ ref "snowplow_web_base_new_event_limits" }}
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
        coalesce(cast({{ wp }}.id as string), cast({{ sc }}.id as string)) as page_view_id,
        coalesce(e.domain_sessionid, cast({{ cs }}.session_id as string)) as domain_sessionid,
        coalesce(e.domain_userid, cast({{ cs }}.user_id as string)) as domain_userid,
        e.user_id,
        e.page_referrer,
        e.page_url,
        e.geo_region_name,
        e.br_name,
        e.dvce_type,
        e.os_name,
        e.os_timezone,
        cast({{ ms }}.media_session_id as string) as context_media_session_id,
        cast({{ mp }}.label as string) as media_label,
        cast({{ mp }}.duration as double) as duration,
        cast({{ mp }}.media_type as string) as media_type,
        cast({{ mp }}.player_type as string) as media_player_type,
        cast({{ mp }}.current_time as double) as player_current_time,
        coalesce(cast({{ mp }}.playback_rate as double), 1) as playback_rate,
        coalesce(cast({{ mp }}.muted as boolean), false) as is_muted,
        cast({{ mp }}.quality as string) as quality,
        case e.event_name
            when 'percent_progress_event' then cast({{ progress }}.percent_progress as int)
            when 'end_event' then 100
        end as percent_progress,
        cast({{ ms }}.time_played as double) as time_played,
        cast({{ ms }}.time_played_muted as double) as time_played_muted,
        cast({{ ms }}.time_paused as double) as time_paused,
        cast({{ ms }}.content_watched as double) as content_watched,
        cast({{ ms }}.time_buffering as double) as time_buffering,
        cast({{ ms }}.time_spent_ads as double) as time_spent_ads,
        cast({{ ms }}.ads as int) as ads,
        cast({{ ms }}.ads_clicked as int) as ads_clicked,
        cast({{ ms }}.ads_skipped as int) as ads_skipped,
        cast({{ ms }}.ad_breaks as int) as ad_breaks,
        cast({{ ms }}.avg_playback_rate as double) as session_avg_playback_rate,
        cast({{ ad }}.ad_id as string) as ad_id,
        cast({{ ad }}.name as string) as ad_name,
        cast({{ ad }}.creative_id as string) as ad_creative_id,
        cast({{ ad }}.pod_position as int) as ad_pod_position,
        cast({{ ad }}.duration as double) as ad_duration,
        cast({{ ad }}.skippable as boolean) as ad_skippable,
        cast({{ ab }}.break_id as string) as ad_break_id,
        cast({{ ab }}.name as string) as ad_break_name,
        cast({{ ab }}.break_type as string) as ad_break_type
    from {{ source "atomic" "events" }} as e
    cross join limits
    where e.event_vendor = 'com.snowplowanalytics.snowplow.media'
        and e.collector_tstamp >= {{ add_days "limits.lower_limit" (0 - lookback) }}
        {{- snowplow_load_partition_filter "e" (add_days "limits.lower_limit" (0 - lookback)) }}
        and e.collector_tstamp <= {{ upper }}
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
    where k.collector_tstamp >= limits.lower_limit{{ if event_time_start }}
        and k.collector_tstamp <= limits.upper_limit{{ end }}
)

select {{ star_except "k" ["context_media_session_id", "etl_tstamp"] }}
from keyed as k
inner join sessions_this_run as s on s.media_session_id = k.media_session_id
qualify row_number() over (partition by k.event_id order by k.collector_tstamp, k.etl_tstamp) = 1
