create or replace table `main`.`analytics`.`daily__mr_new` using delta as
select day, app, count(*) as n from events group by all
;

insert into `main`.`analytics`.`daily` (`day`, `app`, `n`) as target
replace on target.`day` = source.`day`
(select `day`, `app`, `n` from `main`.`analytics`.`daily__mr_new`) as source;

drop table if exists `main`.`analytics`.`daily__mr_new`;
