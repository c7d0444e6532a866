drop table if exists "temp"."main"."daily__mr_new";

create temporary table "temp"."main"."daily__mr_new" as
select * from (
select day, app, count(*) as n from events group by all
) as clustered
order by "day";

delete from "analytics"."daily"
using "temp"."main"."daily__mr_new" as source
where source."day" = "analytics"."daily"."day";

insert into "analytics"."daily" ("day", "app", "n")
select "day", "app", "n" from "temp"."main"."daily__mr_new";

drop table if exists "temp"."main"."daily__mr_new";
