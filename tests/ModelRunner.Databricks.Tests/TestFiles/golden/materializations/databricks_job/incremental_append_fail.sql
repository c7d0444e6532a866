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

select raise_error('the columns of main.analytics.daily changed (on_schema_change: fail); run with --full-refresh') from (
  (select column_name from `main`.information_schema.columns where table_schema = 'analytics' and table_name = 'daily'
  except select column_name from `main`.information_schema.columns where table_schema = 'analytics' and table_name = 'daily__mr_new')
  union all
  (select column_name from `main`.information_schema.columns where table_schema = 'analytics' and table_name = 'daily__mr_new'
  except select column_name from `main`.information_schema.columns where table_schema = 'analytics' and table_name = 'daily')
) as differences;

merge into `main`.`analytics`.`daily` as target
using `main`.`analytics`.`daily__mr_new` as source
on false
when not matched then insert *;

drop table if exists `main`.`analytics`.`daily__mr_new`;

drop table if exists `main`.`analytics`.`daily__mr_existed`;
