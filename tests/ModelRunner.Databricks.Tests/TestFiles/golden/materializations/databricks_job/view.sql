create or replace view `main`.`analytics`.`daily` as
select day, app, count(*) as n from events group by all
;
