create or replace table `main`.`analytics`.`daily__mr_new` using delta as
select day, app, count(*) as n from events group by all
;

insert into `main`.`analytics`.`daily` replace where (`day` = date '2024-01-02')
select `day`, `app`, `n` from `main`.`analytics`.`daily__mr_new`;

drop table if exists `main`.`analytics`.`daily__mr_new`;
