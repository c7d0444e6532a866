drop table if exists "analytics"."daily__mr_new";

create table "analytics"."daily__mr_new" as
select day, app, count(*) as n from events group by all
;

insert into "analytics"."daily" ("day", "app", "n")
select "day", "app", "n" from "analytics"."daily__mr_new";

drop table if exists "analytics"."daily__mr_new";
