select *
from "analytics_derived"."sessions"
where not (page_views >= 0)
