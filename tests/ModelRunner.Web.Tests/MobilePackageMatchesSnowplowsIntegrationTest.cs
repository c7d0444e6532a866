using ModelRunner.Conformance;
using ModelRunner.TestSupport;
using Xunit.Abstractions;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The acceptance test of the mobile package: Snowplow's 0.7.4 integration-test events, staged through the events
/// loader, run on the exact schedule, give Snowplow's expected screen views, sessions and users cell for cell.
/// </summary>
public class MobilePackageMatchesSnowplowsIntegrationTest(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_expected_table_is_equal() => Check(null);

    /// <summary>
    /// The package's behaviour, not one path through it: other schedules of the same events end in the same tables —
    /// those whose windows reach across the gaps in the data (16 days after the long session, 25 before the last
    /// sessions). A shorter window finds no event there and, as Snowplow's does, the manifest stops moving.
    /// </summary>
    [SkippableTheory]
    [InlineData(30, 30)]
    [InlineData(45, 25)]
    [InlineData(400, 20)]
    public void Other_run_schedules_of_the_same_events_end_in_the_same_tables(int firstBackfillDays, int backfillDays) =>
        Check(new RunSchedule(firstBackfillDays, backfillDays));

    private void Check(RunSchedule? schedule)
    {
        Skip.If(SharedData.MobileConformanceDirectory is null, SharedData.MobileMissingReason);
        var database = Path.Combine(Path.GetTempPath(), $"mr-mobile-conformance-{Guid.NewGuid():N}.duckdb");
        try
        {
            var log = new StringWriter();
            var results = MobileConformance.Run(SharedData.RepositoryRoot, SharedData.MobileConformanceDirectory!, database, log, schedule);
            output.WriteLine(log.ToString());
            Assert.All(results, r => Assert.True(r.Equal, r.ToString()));
            Assert.Equal(["screen_views", "sessions", "users"], results.Select(r => r.Name));
            Assert.Equal([77L, 7L, 4L], results.Select(r => r.ExpectedRows));
            Assert.All(results, r => Assert.True(r.CellsCompared > r.ExpectedRows * 30, $"{r.Name}: only {r.CellsCompared} cells compared"));
        }
        finally
        {
            File.Delete(database);
        }
    }
}
