select session_id
from "analytics_derived"."sessions"
where session_id is null
