create or replace table `main`.`analytics`.`daily__mr_new` using delta as
select day, app, count(*) as n from events group by all
;

merge into `main`.`analytics`.`daily` as target
using (select distinct `day` from `main`.`analytics`.`daily__mr_new`) as source
on target.`day` = source.`day`
when matched then delete;

insert into `main`.`analytics`.`daily` (`day`, `app`, `n`)
select `day`, `app`, `n` from `main`.`analytics`.`daily__mr_new`;

drop table if exists `main`.`analytics`.`daily__mr_new`;
