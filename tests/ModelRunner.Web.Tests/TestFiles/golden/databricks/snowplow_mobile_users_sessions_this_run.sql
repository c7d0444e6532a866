-- Every session (of every run, already stitched) of the devices whose sessions this run touched, with each
-- device's first start and last end. The sessions are found on device_user_id alone first (rows_matching): the
-- table grows with every run, the devices do not.
with user_sessions as (
    select * from `main`.`analytics_derived`.`snowplow_mobile_sessions` where device_user_id in (select device_user_id from `main`.`analytics_scratch`.`snowplow_mobile_base_sessions_this_run`)
),

user_bounds as (
    select
        device_user_id,
        min(start_tstamp) as user_start_tstamp,
        max(end_tstamp) as user_end_tstamp
    from user_sessions
    group by device_user_id
)

select
    s.*,
    b.user_start_tstamp,
    b.user_end_tstamp
from user_sessions as s
inner join user_bounds as b on b.device_user_id = s.device_user_id
