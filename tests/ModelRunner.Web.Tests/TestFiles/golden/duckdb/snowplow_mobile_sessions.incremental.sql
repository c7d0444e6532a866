-- Sessions, upserted from this run's; the post-hook stitches every session to the latest user_id of its
-- device_user_id in "main_derived"."snowplow_mobile_user_mapping".
select *
from "modelrunner_run"."main_scratch"."snowplow_mobile_sessions_this_run"

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_sessions') is null or (select upper_limit from "main_scratch"."snowplow_mobile_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_mobile_incremental_manifest" where model = 'snowplow_mobile_sessions'))
