{{ config materialized: "incremental" unique_key: "ad_view_id" incremental_strategy: "delete+insert" cluster_by: "start_tstamp" incremental_predicates: [snowplow_upsert_window "start_tstamp" 30] }}
-- One row per ad shown in a media session (an ad in one ad break; shown again in another break, it is another view),
-- from the v2 ad events, which carry the media ad context (and the ad break context): how far it was watched (a
-- quartile counts as reached when its event or a later one arrived), whether it completed, was skipped or clicked.
with ad_events as (
    select * from {{ ref "snowplow_media_player_v2_events_this_run" }}
    where ad_id is not null
),

views as (
    select
        md5(media_session_id || '-' || coalesce(ad_break_id, '') || '-' || ad_id) as ad_view_id,
        media_session_id,
        ad_id,
        ad_break_id,
        min(event_tstamp) as start_tstamp,
        max(event_tstamp) as end_tstamp,
        max(ad_name) as ad_name,
        max(ad_creative_id) as ad_creative_id,
        max(ad_pod_position) as pod_position,
        max(ad_duration) as duration,
        max(case when ad_skippable then 1 else 0 end) = 1 as is_skippable,
        max(ad_break_name) as ad_break_name,
        max(ad_break_type) as ad_break_type,
        max(case when event_name in ('ad_first_quartile_event', 'ad_midpoint_event', 'ad_third_quartile_event', 'ad_complete_event') then 1 else 0 end) = 1 as percent_reached_25,
        max(case when event_name in ('ad_midpoint_event', 'ad_third_quartile_event', 'ad_complete_event') then 1 else 0 end) = 1 as percent_reached_50,
        max(case when event_name in ('ad_third_quartile_event', 'ad_complete_event') then 1 else 0 end) = 1 as percent_reached_75,
        max(case when event_name = 'ad_complete_event' then 1 else 0 end) = 1 as is_complete,
        max(case when event_name = 'ad_skip_event' then 1 else 0 end) = 1 as is_skipped,
        max(case when event_name = 'ad_click_event' then 1 else 0 end) = 1 as is_clicked,
        count(case when event_name = 'ad_pause_event' then 1 end) as pauses
    from ad_events
    group by media_session_id, ad_id, ad_break_id
),

sessions as (
    select *
    from ad_events
    qualify row_number() over (partition by media_session_id order by event_tstamp, event_id) = 1
)

select
    v.ad_view_id,
    v.media_session_id,
    {{ snowplow_media_player_v2_media_id "s" }} as media_id,
    s.media_label,
    s.platform,
    s.page_view_id,
    s.domain_sessionid,
    s.domain_userid,
    v.ad_id,
    v.ad_name,
    v.ad_creative_id,
    v.ad_break_id,
    v.ad_break_name,
    v.ad_break_type,
    v.pod_position,
    cast(v.duration as double) as duration,
    v.is_skippable,
    v.start_tstamp,
    v.end_tstamp,
    v.percent_reached_25,
    v.percent_reached_50,
    v.percent_reached_75,
    v.is_complete,
    v.is_skipped,
    v.is_clicked,
    v.pauses
from views as v
inner join sessions as s on s.media_session_id = v.media_session_id
{{~ if is_incremental }}
where {{ snowplow_has_new_events (ref "snowplow_web_incremental_manifest") (ref "snowplow_web_base_new_event_limits") "snowplow_media_player_media_ad_views" }}
{{~ end }}
