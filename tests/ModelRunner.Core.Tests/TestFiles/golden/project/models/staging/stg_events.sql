select event_id, domain_sessionid as session_id, collector_tstamp, page_urlpath
from {{ source "atomic" "events" }}
where event_name = 'page_view'
