create or replace table "analytics"."daily" as
select day, app, count(*) as n from events group by all
;
