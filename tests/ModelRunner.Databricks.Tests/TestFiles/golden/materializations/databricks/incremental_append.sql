create or replace temporary view `daily__mr_new` as
select day, app, count(*) as n from events group by all
;

insert into `main`.`analytics`.`daily` (`day`, `app`, `n`)
select `day`, `app`, `n` from `daily__mr_new`;
