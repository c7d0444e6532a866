with child as (
  select event_id as from_field
  from "atomic"."events"
  where event_id is not null
),
parent as (
  select session_id as to_field
  from "analytics_derived"."sessions"
)
select from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
