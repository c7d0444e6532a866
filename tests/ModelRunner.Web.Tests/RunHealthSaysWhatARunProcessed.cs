using System.Text.Json;
using System.Text.RegularExpressions;
using ModelRunner.Cli;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// After each run of a Snowplow package: the window processed, its events (new ones apart), new or out-of-sync models,
/// and warnings that say what to do — when a gap in the data stalls the package, when runs keep finding nothing new,
/// when too many events are dropped as late — printed, in run_results.json and as JSON events.
/// </summary>
public class RunHealthSaysWhatARunProcessed
{
    private static string Cli(TempProject project, string vars, params string[] args) => PackageCli.Run(project, vars, args);

    private static JsonElement Health(TempProject project) =>
        JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("run_health").EnumerateArray().Single().Clone();

    [Fact]
    public void A_gap_longer_than_the_backfill_window_is_named_with_the_way_out_and_idle_runs_are_counted()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        const string Daily = "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 2, snowplow__health_zero_runs_warn: 2}";
        Cli(project, Daily, "events", "generate", "--events", "20000", "--days", "14", "--very-late-rate", "0", "--seed", "7");
        Cli(project, Daily, "seed");
        using (var engine = project.Open().Connect())
        using (var session = engine.OpenSession())
            session.Execute("delete from atomic.events where collector_tstamp >= '2024-12-21' and collector_tstamp < '2024-12-27'");

        var first = Cli(project, Daily, "run", "-s", "tag:snowplow_web");
        Assert.Contains("Run health of snowplow_web: window [2024-12-18 00:00:00, 2024-12-20 00:00:00]", first);
        var health = Health(project);
        Assert.Equal("snowplow_web", health.GetProperty("package").GetString());
        Assert.Contains("snowplow_web_sessions", health.GetProperty("new_models").EnumerateArray().Select(m => m.GetString()));
        Assert.True(health.GetProperty("events").GetInt64() > 1000);
        Assert.Equal(health.GetProperty("events").GetInt64(), health.GetProperty("new_events").GetInt64());
        Assert.Empty(health.GetProperty("warnings").EnumerateArray());

        // Day by day up to the gap: then the window holds nothing new, newer data waits beyond it, and the package is stuck.
        string? stalled = null;
        for (var run = 0; run < 4 && stalled is null; run++)
        {
            var output = Cli(project, Daily, "run", "-s", "tag:snowplow_web");
            if (output.Contains("processed no new events")) stalled = output;
        }
        Assert.NotNull(stalled);
        Assert.Contains("atomic.events has events up to 2024-12-31", stalled);
        var advice = Regex.Match(stalled!, @"--vars '\{snowplow__backfill_limit_days: (\d+)\}'");
        Assert.True(advice.Success, stalled);
        Assert.Single(Health(project).GetProperty("warnings").EnumerateArray());

        // The advice works: one run with that backfill reaches past the gap.
        var days = advice.Groups[1].Value;
        var unstuck = Cli(project, $"{{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: {days}}}", "run", "-s", "tag:snowplow_web");
        Assert.DoesNotContain("processed no new events", unstuck);
        Assert.True(Health(project).GetProperty("new_events").GetInt64() > 0);

        // Caught up: runs find nothing new, and the second such run in a row says so (snowplow__health_zero_runs_warn: 2).
        Cli(project, Daily, "run", "-s", "tag:snowplow_web");
        var idle = Cli(project, Daily, "--log-format", "json", "run", "-s", "tag:snowplow_web");
        var healthEvent = idle.Split('\n').Single(l => l.Contains("\"event\":\"run_health\""));
        Assert.Contains("\"runs_without_events\":2", healthEvent);
        Assert.Contains("has found no new events in 2 runs in a row", healthEvent);
        Assert.Contains("\"level\":\"warn\"", healthEvent);
    }

    [Fact]
    public void Events_dropped_as_too_late_past_the_share_allowed_are_counted_with_what_to_do()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        const string Vars = PackageCli.AllAtOnce;
        Cli(project, Vars, "events", "generate", "--events", "20000", "--days", "14", "--device-late-rate", "0.05", "--seed", "7");
        Cli(project, Vars, "seed");
        var output = Cli(project, Vars, "run", "-s", "tag:snowplow_mobile");
        var health = Health(project);
        Assert.Equal("snowplow_mobile", health.GetProperty("package").GetString());
        var late = health.GetProperty("late_events").GetInt64();
        Assert.InRange(late, 0.02 * health.GetProperty("window_events").GetInt64(), 0.08 * health.GetProperty("window_events").GetInt64());
        Assert.Contains($"snowplow_mobile dropped {late} of the window's", output);
        Assert.Contains("raise those vars, then reprocess the window with a keyhole run", output);
    }

    [Fact]
    public void The_runs_events_and_the_events_of_quarantined_sessions_are_counted_as_the_tables_hold_them()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        const string Vars = PackageCli.AllAtOnce;
        // Sessions lasting four days outlast snowplow__max_session_days (3): the run quarantines them.
        Cli(project, Vars, "events", "generate", "--events", "20000", "--days", "14", "--long-session-rate", "0.05", "--seed", "11");
        Cli(project, Vars, "seed");
        Cli(project, Vars, "run", "-s", "tag:snowplow_web");
        var health = Health(project);
        long Count(string sql) => long.Parse(project.Query(sql).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var (lower, upper) = (health.GetProperty("lower_limit").GetString(), health.GetProperty("upper_limit").GetString());

        // The run's events are its events_this_run (the narrow rows the run-health query counts hold the same events).
        Assert.Equal(Count("select count(*) from main_scratch.snowplow_web_base_events_this_run"), health.GetProperty("events").GetInt64());
        Assert.Equal(health.GetProperty("events").GetInt64(), health.GetProperty("new_events").GetInt64());
        // Each event of the window whose session is quarantined counts once.
        var quarantined = Count($"select count(*) from atomic.events as e where e.collector_tstamp between '{lower}' and '{upper}' "
            + "and exists (select 1 from main_snowplow_manifest.snowplow_web_base_quarantined_sessions as q where q.session_id = e.domain_sessionid)");
        Assert.True(quarantined > 0, "no session was quarantined");
        Assert.Equal(quarantined, health.GetProperty("quarantined_events").GetInt64());
        Assert.Equal(Count($"select count(*) from atomic.events where collector_tstamp between '{lower}' and '{upper}' and domain_sessionid is not null"),
            health.GetProperty("window_events").GetInt64());
    }
}

/// <summary>The run-health query of each package, pinned per dialect (TestFiles/golden/&lt;engine&gt;/run_health/&lt;package&gt;.sql).</summary>
public class RunHealthCompilesToGoldenSqlForBothDialects
{
    [Theory]
    [InlineData("dev", "duckdb")]
    [InlineData("databricks", "databricks")]
    public void Each_packages_run_health_query_compiles_to_its_golden_sql(string target, string engine)
    {
        var options = new Core.Running.WorkspaceOptions(SharedData.RepositoryRoot, null, target, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false);
        var workspace = Core.Running.Workspace.Open(options, CliApp.Engines());
        var compiler = workspace.CreateCompiler(Core.Running.RelationCatalog.Offline(), fullRefresh: false);
        var packages = workspace.Project.Packages.Where(p => p.RunHealth is not null).ToList();
        Assert.Equal(["snowplow_mobile", "snowplow_web"], packages.Select(p => p.Name).Order());
        foreach (var package in packages)
        {
            var sql = compiler.RenderProjectHook(new Core.Project.RunHook(package.RunHealth!, "run-health", package.File, package.Name));
            Assert.True(Golden.Matches(engine, Path.Combine("run_health", package.Name), sql), $"{package.Name}'s run-health SQL differs from its golden file");
        }
    }

    /// <summary>The input-signal query of each package (when a run has nothing to do), pinned likewise (golden/&lt;engine&gt;/input_signal/).</summary>
    [Theory]
    [InlineData("dev", "duckdb")]
    [InlineData("databricks", "databricks")]
    public void Each_packages_input_signal_compiles_to_its_golden_sql(string target, string engine)
    {
        var options = new Core.Running.WorkspaceOptions(SharedData.RepositoryRoot, null, target, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false);
        var workspace = Core.Running.Workspace.Open(options, CliApp.Engines());
        var compiler = workspace.CreateCompiler(Core.Running.RelationCatalog.Offline(), fullRefresh: false);
        var packages = workspace.Project.Packages.Where(p => p.InputSignal is not null).ToList();
        Assert.Equal(["snowplow_media_player", "snowplow_mobile", "snowplow_web"], packages.Select(p => p.Name).Order());
        foreach (var package in packages)
        {
            var sql = compiler.RenderProjectHook(new Core.Project.RunHook(package.InputSignal!, "input-signal", package.File, package.Name));
            Assert.True(Golden.Matches(engine, Path.Combine("input_signal", package.Name), sql), $"{package.Name}'s input-signal SQL differs from its golden file");
        }
    }
}
