-- A keyhole backfill: the window given (--event-time-start / --event-time-end), whatever the manifest says.
select cast('2024-04-03 00:00:00' as timestamp) as lower_limit, cast('2024-04-04 00:00:00' as timestamp) as upper_limit
