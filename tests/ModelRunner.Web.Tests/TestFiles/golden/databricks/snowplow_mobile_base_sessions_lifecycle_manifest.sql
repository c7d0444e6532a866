-- Every session seen: its first device_user_id and its start and end (collector_tstamp), the end capped at
-- max_session_days. Sessions with events in this run's window are added or extended.
with limits as (
    select lower_limit, upper_limit from `main`.`analytics_scratch`.`snowplow_mobile_base_new_event_limits`
),

new_sessions as (
    select
        e.contexts_com_snowplowanalytics_snowplow_client_session_1[0].session_id as session_id,
        max(e.contexts_com_snowplowanalytics_snowplow_client_session_1[0].user_id) as device_user_id,
        min(e.collector_tstamp) as start_tstamp,
        max(e.collector_tstamp) as end_tstamp
    from `main`.`atomic`.`events` as e
    cross join limits
    where e.contexts_com_snowplowanalytics_snowplow_client_session_1[0].session_id is not null
        and e.dvce_sent_tstamp <= timestampadd(DAY, 3, e.dvce_created_tstamp)
        and e.collector_tstamp between limits.lower_limit and limits.upper_limit
        and e.load_tstamp_date >= cast(limits.lower_limit as date) and e.platform in ('mob')

    group by e.contexts_com_snowplowanalytics_snowplow_client_session_1[0].session_id
),


session_lifecycle as (
    select * from new_sessions
)


select
    session_id,
    device_user_id,
    start_tstamp,
    least(timestampadd(DAY, 3, start_tstamp), end_tstamp) as end_tstamp
from session_lifecycle
