-- Sessions, upserted from this run's sessions; the post-hook stitches every session to the latest user_id of its
-- domain_userid in "main_derived"."snowplow_web_user_mapping".
select *
from "modelrunner_run"."main_scratch"."snowplow_web_sessions_this_run"

where ((select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_sessions') is null or (select upper_limit from "main_scratch"."snowplow_web_base_new_event_limits") > (select max(last_success) from "main_snowplow_manifest"."snowplow_web_incremental_manifest" where model = 'snowplow_web_sessions'))
