using static ModelRunner.Events.GeneratorSql;

namespace ModelRunner.Events;

/// <summary>
/// The narrow plan of a generation, written first, from which the wide rows are derived in load order (see
/// <see cref="EventGenerator"/>).
/// </summary>
internal static class EventPlan
{
    /// <summary>
    /// One row per event to write (duplicates included): its session (from <see cref="SessionPlan"/>), place in it and page, when the device created it
    /// (days early for events sent late), when it was collected and when it was loaded (late events inside and
    /// beyond the lookback window).
    /// </summary>
    public static string Sql(GeneratorOptions o)
    {
        var s = o.Seed;
        return $@"with slots as (
  select session_no, started_at, events as session_events, first_event + seq as e, seq, seq // per_page as page_no
  from (select *, unnest(range(events)) as seq from {SessionPlan.Table})),
event_numbers as (
  select *, false as is_duplicate from slots
  union all
  -- duplicates: the same event_id arriving again a second later (a retried request)
  select *, true from slots where {Roll("dup", "e", s)} < {F(o.DuplicateRate)}),
numbered as (
  select e as event_no, is_duplicate, session_no, seq, page_no, session_events, started_at,
    {Roll("kind", "e", s)} as kind_roll, {Roll("late", "e", s)} as late_roll
  from event_numbers),
timed as (
  -- in microseconds since the epoch: integer sums, a third of the cost of adding intervals to timestamps
  select *,
    epoch_us(started_at)
      -- a long session spans four days; others last a few minutes
      + 1000 * case when {Roll("long", "session_no", s)} < {F(o.LongSessionRate)} then seq * (4 * 86400000 // session_events)
                    else seq * 15000 + (hash(event_no, {s}, 'jitter') % 5000)::BIGINT end
      + case when is_duplicate then 1000000 else 0 end as collected_us,
    case when late_roll < {F(o.LateBeyondLookbackRate)} then 5 * 86400000000
         when late_roll < {F(o.LateBeyondLookbackRate + o.LateWithinLookbackRate)} then 3 * 3600000000
         else 2000000 end as load_delay_us,
    -- sent late by the device: created four days before it was sent (an app offline, a tab asleep), beyond the
    -- days a package allows; otherwise created 120 ms before it reached the collector
    case when {Roll("devicelate", "event_no", s)} < {F(o.DeviceSentLateRate)} then 4 * 86400000000
         else 120000 end as device_delay_us
  from numbered)
select event_no, is_duplicate, session_no, seq, page_no, kind_roll, make_timestamp(collected_us) as collected,
  make_timestamp(collected_us + load_delay_us) as loaded, make_timestamp(collected_us - device_delay_us) as created
from timed";
    }
}
