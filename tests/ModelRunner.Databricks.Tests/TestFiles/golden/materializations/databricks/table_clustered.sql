create or replace table `main`.`analytics`.`daily` using delta cluster by (`day`) as
select day, app, count(*) as n from events group by all
;
