create or replace table `main`.`analytics`.`daily__mr_existed` using delta as
select count(*) as `existed` from `main`.information_schema.tables
where table_schema = 'analytics' and table_name = 'daily';

create table if not exists `main`.`analytics`.`daily` using delta as
select day, app, count(*) as n from events group by all
;

create or replace table `main`.`analytics`.`daily__mr_new` using delta as
select * from (
select day, app, count(*) as n from events where day >= (select max(day) from `main`.`analytics`.`daily`) group by all

) as new_rows
where (select existed from `main`.`analytics`.`daily__mr_existed`) > 0;

merge into `main`.`analytics`.`daily` as target
using (select distinct `day` from `main`.`analytics`.`daily__mr_new`) as source
on target.`day` = source.`day`
when matched then delete;

merge into `main`.`analytics`.`daily` as target
using `main`.`analytics`.`daily__mr_new` as source
on false
when not matched then insert *;

drop table if exists `main`.`analytics`.`daily__mr_new`;

drop table if exists `main`.`analytics`.`daily__mr_existed`;
