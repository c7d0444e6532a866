create or replace temporary view `daily__mr_new` as
select day, app, count(*) as n from events group by all
;

insert into `main`.`analytics`.`daily` (`day`, `app`, `n`) as target
replace on target.`day` = source.`day`
(select `day`, `app`, `n` from `daily__mr_new`) as source;
