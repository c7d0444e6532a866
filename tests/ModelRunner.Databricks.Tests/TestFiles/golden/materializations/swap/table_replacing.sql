drop table if exists "analytics"."daily__mr_tmp";

create table "analytics"."daily__mr_tmp" as
select day, app, count(*) as n from events group by all
;

drop table if exists "analytics"."daily";

alter table "analytics"."daily__mr_tmp" rename to "daily";
