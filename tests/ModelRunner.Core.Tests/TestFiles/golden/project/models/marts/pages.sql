with pages as (
  select page_urlpath, count(*) as views from {{ ref "stg_events" }} group by 1
)
select * from pages -- built at {{ run_started_at }} for {{ target.name }}
