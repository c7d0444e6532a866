drop table if exists "temp"."main"."daily__mr_new";

create temporary table "temp"."main"."daily__mr_new" as
select day, app, count(*) as n from events group by all
;

merge into "analytics"."daily" as target
using (select *, count(*) over (partition by "day") as "__modelrunner_new_rows_with_key"
  from "temp"."main"."daily__mr_new") as source
on target."day" = source."day"
when matched and source."__modelrunner_new_rows_with_key" > 1 then error concat('the new rows repeat unique_key day = ', source."day", ' (', source."__modelrunner_new_rows_with_key", ' rows) on a row the table holds: make the key unique among the new rows (Databricks refuses such a merge too)')
when matched then update set "app" = source."app", "n" = source."n"
when not matched then insert ("day", "app", "n") values (source."day", source."app", source."n");

drop table if exists "temp"."main"."daily__mr_new";
