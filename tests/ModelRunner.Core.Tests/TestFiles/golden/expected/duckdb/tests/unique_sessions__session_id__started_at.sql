select session_id, started_at, count(*) as n_records
from "analytics_derived"."sessions"
group by session_id, started_at
having count(*) > 1
