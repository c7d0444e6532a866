using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The hourly job's life: a load, runs until the package has caught up, runs that reuse it (nothing to do), a second
/// load, runs again. The tables end as one full refresh over both loads builds them: reuse never hides a load.
/// </summary>
public class AReusedPackageCatchesUpWhenEventsArrive
{
    private const string Vars = "{snowplow__start_date: '2024-12-01', snowplow__backfill_limit_days: 30}";
    private const string FirstLoad = "--events 6000 --days 5 --end-date 2024-12-12 --very-late-rate 0 --seed 11";
    private const string SecondLoad = "--events 6000 --days 5 --end-date 2024-12-24 --very-late-rate 0 --seed 12";

    private static string Cli(TempProject project, string arguments) =>
        PackageCli.Run(project, Vars, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_load_after_reused_runs_is_processed_and_the_tables_equal_one_full_refresh()
    {
        using var hourly = TempProject.CopyOfRepositoryProject();
        using var once = TempProject.CopyOfRepositoryProject();
        foreach (var project in new[] { hourly, once })
        {
            Cli(project, "events generate " + FirstLoad);
            Cli(project, "seed");
        }

        // Caught up after the first run; the second changes nothing; the third has nothing to do.
        Assert.DoesNotContain("Reusing", Cli(hourly, "run -s tag:snowplow_web"));
        Assert.DoesNotContain("Reusing", Cli(hourly, "run -s tag:snowplow_web"));
        Assert.Contains("Reusing snowplow_web:", Cli(hourly, "run -s tag:snowplow_web"));

        foreach (var project in new[] { hourly, once }) Cli(project, "events generate " + SecondLoad);
        var afterLoad = Cli(hourly, "run -s tag:snowplow_web");
        Assert.DoesNotContain("Reusing", afterLoad);
        Assert.DoesNotContain("Reusing", Cli(hourly, "run -s tag:snowplow_web"));
        Assert.Contains("Reusing snowplow_web:", Cli(hourly, "run -s tag:snowplow_web"));

        Cli(once, "run --full-refresh -s tag:snowplow_web");
        using var engine = hourly.Open(Vars).Connect();
        using var session = engine.OpenSession();
        session.Execute($"attach '{Path.Combine(once.Root, "data", "modelrunner.duckdb")}' as once (read_only)");
        foreach (var table in new[] { "snowplow_web_page_views", "snowplow_web_sessions", "snowplow_web_users" })
        {
            var mine = $"select columns(c -> c <> 'model_tstamp') from main_derived.{table}";
            var theirs = $"select columns(c -> c <> 'model_tstamp') from once.main_derived.{table}";
            Assert.True(Convert.ToInt64(session.Query($"select count(*) from ({theirs})").Rows[0][0]) > 100, $"{table} is too small to tell");
            // Both loads are in it, and nothing differs either way.
            Assert.Equal(0L, Convert.ToInt64(session.Query($"select count(*) from ({mine} except all {theirs})").Rows[0][0]));
            Assert.Equal(0L, Convert.ToInt64(session.Query($"select count(*) from ({theirs} except all {mine})").Rows[0][0]));
        }
        // The second load's sessions are there (the comparison alone would pass if both sides missed them).
        Assert.True(Convert.ToInt64(session.Query("select count(*) from main_derived.snowplow_web_sessions where start_tstamp >= '2024-12-20'").Rows[0][0]) > 50);
    }
}
