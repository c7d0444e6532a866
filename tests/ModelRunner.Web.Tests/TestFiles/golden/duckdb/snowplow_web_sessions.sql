-- Sessions, upserted from this run's sessions; the post-hook stitches every session to the latest user_id of its
-- domain_userid in "main_derived"."snowplow_web_user_mapping".
select *
from "modelrunner_run"."main_scratch"."snowplow_web_sessions_this_run"
