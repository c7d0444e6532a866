drop table if exists "analytics"."daily__mr_tmp";

create table "analytics"."daily__mr_tmp" as
select * from (
select day, app, count(*) as n from events group by all
) as clustered
order by "day";

alter table "analytics"."daily__mr_tmp" rename to "daily";
