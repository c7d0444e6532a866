{{ config materialized: "view" }}
-- The plays that were played (a play event), one row per page view and media.
select *
from {{ ref "snowplow_media_player_base" }}
where is_played
