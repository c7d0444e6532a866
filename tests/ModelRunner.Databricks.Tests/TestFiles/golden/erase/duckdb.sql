select count(*) from "main"."atomic"."events"
where "domain_userid" in ('d3v1c3', 'o''brien', 'user-7')
    or "user_id" in ('d3v1c3', 'o''brien', 'user-7')
    or "contexts_com_snowplowanalytics_snowplow_client_session_1"[1].user_id in ('d3v1c3', 'o''brien', 'user-7')
    or "domain_sessionid" in ('s-1')
    or "contexts_com_snowplowanalytics_snowplow_web_page_1"[1].id in ('pv-1', 'pv-2');

delete from "main"."atomic"."events"
where "domain_userid" in ('d3v1c3', 'o''brien', 'user-7')
    or "user_id" in ('d3v1c3', 'o''brien', 'user-7')
    or "contexts_com_snowplowanalytics_snowplow_client_session_1"[1].user_id in ('d3v1c3', 'o''brien', 'user-7')
    or "domain_sessionid" in ('s-1')
    or "contexts_com_snowplowanalytics_snowplow_web_page_1"[1].id in ('pv-1', 'pv-2');

select count(*) from "main"."derived"."snowplow_web_sessions"
where "domain_userid" in ('d3v1c3', 'o''brien', 'user-7')
    or "stitched_user_id" in ('d3v1c3', 'o''brien', 'user-7');

delete from "main"."derived"."snowplow_web_sessions"
where "domain_userid" in ('d3v1c3', 'o''brien', 'user-7')
    or "stitched_user_id" in ('d3v1c3', 'o''brien', 'user-7');
