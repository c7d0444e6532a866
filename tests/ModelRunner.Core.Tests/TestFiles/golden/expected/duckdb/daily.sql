select cast(started_at as date) as day, sum(page_views) as page_views from "analytics_derived"."sessions" group by 1
