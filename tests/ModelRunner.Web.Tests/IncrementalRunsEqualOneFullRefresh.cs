using ModelRunner.Cli;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The incremental machinery loses nothing: daily runs over 14 days of generated events (late arrivals inside the
/// lookback window) build the same tables as one full-refresh run over the same events — page views, sessions and
/// users of the web package and the tables of its media player module (plays of both generations, v2 media
/// sessions, ad views and ads, from web pages and apps), screen views, sessions, users and app errors of the mobile
/// package. A table's name may carry the fewest rows it must have (":2"); 30 otherwise. Once caught up, the next run
/// reuses the package (README, "Reuse: a run with nothing to do").
/// </summary>
public class IncrementalRunsEqualOneFullRefresh
{
    private const string Generate = "--events 20000 --days 14 --very-late-rate 0 --seed 7";

    private static string Cli(TempProject project, string arguments, string? vars = null)
    {
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (vars is not null) args.AddRange(["--vars", vars]);
        args.AddRange(["--project-dir", project.Root]);
        var output = new StringWriter();
        var code = CliApp.Run(args.ToArray(), output, output, new Dictionary<string, string>());
        Assert.True(code == 0, $"modelrunner {arguments} failed:\n{output}");
        return output.ToString();
    }

    [Theory]
    // The media player module rides on web's runs; its plays must match too (its media stats legitimately depend on
    // the schedule: they keep their own watermark, spec snowplow-media-player §3.6).
    [InlineData("snowplow_web", "snowplow_web_page_views snowplow_web_sessions snowplow_web_users snowplow_media_player_base "
        + "snowplow_media_player_media_session_stats snowplow_media_player_media_ad_views snowplow_media_player_media_ads:2 "
        + "snowplow_web_consent_cmp_stats")]
    [InlineData("snowplow_mobile", "snowplow_mobile_screen_views snowplow_mobile_sessions snowplow_mobile_users snowplow_mobile_app_errors")]
    public void Daily_runs_build_the_same_tables_as_one_full_refresh(string package, string tables)
    {
        using var daily = TempProject.CopyOfRepositoryProject();
        using var once = TempProject.CopyOfRepositoryProject();
        Cli(daily, "events generate " + Generate);
        Cli(once, "events generate " + Generate);
        Cli(daily, "seed");
        Cli(once, "seed");

        Cli(once, $"run --full-refresh -s tag:{package}", "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 30}");

        var runs = 0;
        string? last = null;
        while (runs++ < 30)
        {
            Cli(daily, $"run -s tag:{package}", "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 1}");
            var now = string.Join(",", daily.Query($"select max(last_success) from main_snowplow_manifest.{package}_incremental_manifest"));
            if (now == last) break;
            last = now;
        }
        Assert.InRange(runs, 14, 20); // one run per day of events, then one that finds nothing new
        // That last run changed nothing: the next one reuses the package (and its tables stay what they were).
        var idle = Cli(daily, $"run -s tag:{package}", "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 1}");
        Assert.Contains($"Reusing {package}:", idle);
        Assert.Contains("PASS=0 WARN=0 ERROR=0 SKIP=0 REUSED=", idle);

        using var engine = daily.Open().Connect();
        using var session = engine.OpenSession();
        session.Execute($"attach '{Path.Combine(once.Root, "data", "modelrunner.duckdb")}' as once (read_only)");
        foreach (var entry in tables.Split(' '))
        {
            var table = entry.Split(':')[0];
            var fewest = entry.Contains(':') ? int.Parse(entry.Split(':')[1]) : 30;
            var mine = $"select columns(c -> c <> 'model_tstamp') from main_derived.{table}";
            var theirs = $"select columns(c -> c <> 'model_tstamp') from once.main_derived.{table}";
            var rows = Convert.ToInt64(session.Query($"select count(*) from ({theirs})").Rows[0][0]);
            Assert.True(rows >= fewest, $"{table} has only {rows} rows");
            Assert.Equal(0L, Convert.ToInt64(session.Query($"select count(*) from ({mine} except all {theirs})").Rows[0][0]));
            Assert.Equal(0L, Convert.ToInt64(session.Query($"select count(*) from ({theirs} except all {mine})").Rows[0][0]));
        }
    }
}
