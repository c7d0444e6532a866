create or replace table "analytics"."daily" as
select * from (
select day, app, count(*) as n from events group by all
) as clustered
order by "day";
