drop table if exists "temp"."main"."daily__mr_new";

create temporary table "temp"."main"."daily__mr_new" as
select day, app, count(*) as n from events group by all
;

merge into "analytics"."daily" as target
using "temp"."main"."daily__mr_new" as source
on target."day" = source."day"
when matched then update set "app" = source."app", "n" = source."n"
when not matched then insert ("day", "app", "n") values (source."day", source."app", source."n");

drop table if exists "temp"."main"."daily__mr_new";
