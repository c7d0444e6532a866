{{ config materialized: "table" }}
-- One row per ad: its views over every media session so far (snowplow_media_player_media_ad_views), how many
-- completed, were skipped or clicked, and how far they got. Rebuilt from the ad views on each run: it is as small as
-- the ads are few.
select
    ad_id,
    max(ad_name) as ad_name,
    max(ad_creative_id) as ad_creative_id,
    max(duration) as duration,
    max(case when is_skippable then 1 else 0 end) = 1 as is_skippable,
    count(*) as views,
    count(distinct domain_userid) as viewers,
    count(distinct media_id) as media,
    count(case when percent_reached_25 then 1 end) as percent_reached_25,
    count(case when percent_reached_50 then 1 end) as percent_reached_50,
    count(case when percent_reached_75 then 1 end) as percent_reached_75,
    count(case when is_complete then 1 end) as completions,
    count(case when is_skipped then 1 end) as skips,
    count(case when is_clicked then 1 end) as clicks,
    cast(count(case when is_complete then 1 end) / count(*) as double) as completion_rate,
    cast(count(case when is_skipped then 1 end) / count(*) as double) as skip_rate,
    cast(count(case when is_clicked then 1 end) / count(*) as double) as click_rate,
    min(start_tstamp) as first_view,
    max(start_tstamp) as last_view
from {{ ref "snowplow_media_player_media_ad_views" }}
group by ad_id
