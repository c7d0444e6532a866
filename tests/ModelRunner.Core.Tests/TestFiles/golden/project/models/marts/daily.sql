{{ config materialized: "view" schema: "" }}
select cast(started_at as date) as day, sum(page_views) as page_views from {{ ref "sessions" }} group by 1
