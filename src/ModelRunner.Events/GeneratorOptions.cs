namespace ModelRunner.Events;

/// <summary>
/// What `modelrunner events generate` makes. Rates are fractions (0.02 = 2 %). The same options give the
/// same rows: every value is a hash of the seed and the event's or session's number.
/// </summary>
public sealed record GeneratorOptions(
    long Events = 100_000,
    int Days = 30,
    long Seed = 42,
    DateOnly EndDate = default,
    int EventsPerSession = SessionPlan.NaturalEventsPerSession,
    int UsersPerHundredSessions = 60,
    double MobileShare = 0.2,
    double LoggedInShare = 0.3,
    double DuplicateRate = 0.002,
    double LateWithinLookbackRate = 0.01,
    double LateBeyondLookbackRate = 0.002,
    double DeviceSentLateRate = 0.002,
    double BotRate = 0.02,
    double LongSessionRate = 0.002,
    double OutsideAppFilterRate = 0.01,
    double MediaShare = 0.15,
    long? SessionCount = null,
    long? UserCount = null)
{
    /// <summary>A fixed default end, so that a seed alone decides the rows (not the day they were made).</summary>
    public DateOnly End => EndDate == default ? new DateOnly(2025, 1, 1) : EndDate;
    public DateOnly Start => End.AddDays(-Days);
    public long Sessions => SessionCount ?? Math.Max(1, Events / EventsPerSession);
    public long Users => UserCount ?? Math.Max(1, Sessions * UsersPerHundredSessions / 100);
}
