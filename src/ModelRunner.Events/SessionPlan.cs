using System.Globalization;
using static ModelRunner.Events.GeneratorSql;

namespace ModelRunner.Events;

/// <summary>
/// The sessions of a generation, decided before any event (a narrow temp table the event plan and the insert both
/// read): who has each session, when it starts, how many pages it views and how many events each page gets, and where
/// its events begin in the run of event numbers. The shapes are those of real sites:
/// <list type="bullet">
/// <item>pages per session from a discrete power law (P(pages ≥ k) = k^-1.3, at most 60): about six sessions in ten
/// view one page, three in four at most two, and a long tail;</item>
/// <item>events per page: a single-page session leaves at once (no event after the page view) four times in ten and
/// after one event 15 % of the time (bounces); other pages get pings and clicks, exponentially many, mean about 7;</item>
/// <item>a third of the sessions come from returning users drawn from a power law (a few users come back often), the
/// rest from the whole user base, so most users have one session and some have many; a user's sessions are numbered in
/// time order (domain_sessionidx), and a user is on the app or on the web;</item>
/// <item>starts follow the week (Saturday 0.7, Sunday 0.6 of a weekday), the day (quiet at night, a peak late
/// morning and early afternoon, a smaller one in the evening) and a gentle growth over the period.</item>
/// </list>
/// The drawn lengths are then scaled so that the sessions hold exactly the events asked for.
/// </summary>
internal static class SessionPlan
{
    public const string Table = "__mr_session_plan";

    /// <summary>The mean events per session the shapes above give before scaling (measured at 1M events).</summary>
    public const int NaturalEventsPerSession = 20;

    // Relative traffic by hour of the day, midnight first.
    private static readonly double[] HourWeights =
        [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 1.0, 1.2, 1.3, 1.3, 1.2, 1.3, 1.3, 1.25, 1.2, 1.1, 1.0, 1.05, 1.1, 1.0, 0.8, 0.5];

    public static string Sql(GeneratorOptions o)
    {
        var s = o.Seed;
        var start = o.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hours = string.Join(", ", HourWeights.Select((w, h) => $"({h}, {F(w)})"));
        return $@"with days as (
  select d, (case dayofweek(date '{start}' + d::INTEGER) when 6 then 0.7 when 0 then 0.6 else 1.0 end) * (1 + 0.25 * d / {o.Days}) as w
  from range({o.Days}) t(d)),
day_bins as (select d, (sum(w) over (order by d) - w) / sum(w) over () as lo from days),
hours as (select h, w from (values {hours}) t(h, w)),
hour_bins as (select h, (sum(w) over (order by h) - w) / sum(w) over () as lo from hours),
drawn as (
  select n as session_no,
    case when {Roll("returning", "n", s)} < 0.35 then least({o.Users - 1}, floor({o.Users} * pow({Roll("regular", "n", s)}, 1.8)))::BIGINT
         -- BIGINT, as the other branch: a CASE of BIGINT and UBIGINT is a HUGEINT, whose every later modulo (user_no % 7, …)
         -- costs ten times a BIGINT's (a seventh of the generator's computing at 1M events)
         else (hash(n, {s}, 'user') % {o.Users})::BIGINT end as user_no,
    {Roll("media", "n", s)} < {F(o.MediaShare)} as watches_media,
    least(60, floor(pow(1 - {Roll("pages", "n", s)}, -1 / 1.3)))::BIGINT as pages_drawn,
    {Roll("page-shape", "n", s)} as shape_roll,
    {Roll("page-length", "n", s)} as length_roll,
    {Roll("day", "n", s)} as day_roll,
    {Roll("hour", "n", s)} as hour_roll,
    {Roll("second", "n", s)} as second_roll
  from range({o.Sessions}) t(n)),
shaped as (
  select session_no, user_no, watches_media,
    -- a video plays on the second page (see the generator), so watching sessions view at least three
    case when watches_media then greatest(pages_drawn, 3) else pages_drawn end as pages,
    case when watches_media then 8
         when shape_roll < case when pages_drawn = 1 then 0.4 else 0.1 end then 1
         when shape_roll < case when pages_drawn = 1 then 0.55 else 0.2 end then 2
         else 3 + least(40, floor(-ln(1 - length_roll) * 5.5))::BIGINT end as per_page,
    day_roll, hour_roll, second_roll
  from drawn),
timed as (
  select x.*,
    timestamp '{start}' + to_days(b.d::INTEGER) + to_hours(hb.h::INTEGER) + to_seconds((second_roll * 3600)::BIGINT) as started_at,
    -- two more slots for a watching session, so that scaling never cuts its video short
    pages * per_page + case when watches_media then 2 else 0 end as drawn_events
  from shaped x
  asof join day_bins b on x.day_roll >= b.lo
  asof join hour_bins hb on x.hour_roll >= hb.lo),
placed as (
  select *,
    (sum(drawn_events) over (order by session_no) - drawn_events) * {o.Events}::DOUBLE / sum(drawn_events) over () as drawn_start
  from timed)
select session_no, user_no, watches_media, per_page, started_at,
  floor(drawn_start)::BIGINT as first_event,
  coalesce(floor(lead(drawn_start) over (order by session_no))::BIGINT, {o.Events}) - floor(drawn_start)::BIGINT as events,
  row_number() over (partition by user_no order by started_at, session_no) as session_index
from placed";
    }
}
