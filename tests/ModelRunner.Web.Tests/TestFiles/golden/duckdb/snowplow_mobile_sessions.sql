-- Sessions, upserted from this run's; the post-hook stitches every session to the latest user_id of its
-- device_user_id in "main_derived"."snowplow_mobile_user_mapping".
select *
from "modelrunner_run"."main_scratch"."snowplow_mobile_sessions_this_run"
