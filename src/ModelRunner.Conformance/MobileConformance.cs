using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Conformance;

/// <summary>
/// Snowplow's integration-test scenario for the mobile package 0.7.4 (spec snowplow-mobile §4): the events CSV staged
/// through the events loader (and Snowplow's staging filter), the scenario's vars scoped to the package, then the
/// exact schedule of §4.3 — run 1 a full refresh with a 60-day backfill and the manifests rebuilt, runs 2–4 plain —
/// and the comparison of §4.4: screen views and sessions with floats rounded to 4 decimals, users exact.
/// </summary>
public static class MobileConformance
{
    /// <summary>§4.2, scoped to snowplow_mobile; everything else takes the package defaults.</summary>
    private static readonly Dictionary<string, object?> ScenarioVars = new()
    {
        ["snowplow_mobile"] = new Dictionary<string, object?>
        {
            ["snowplow__start_date"] = "2021-03-07",
            ["snowplow__backfill_limit_days"] = 20,
            ["snowplow__enable_mobile_context"] = false,
            ["snowplow__enable_geolocation_context"] = true,
            ["snowplow__enable_application_context"] = false,
            ["snowplow__enable_screen_context"] = false,
            ["snowplow__enable_app_errors_module"] = false,
        },
    };

    public static IReadOnlyList<ComparisonResult> Run(string repositoryRoot, string dataDirectory, string databaseFile, TextWriter log,
        RunSchedule? schedule = null)
    {
        if (File.Exists(databaseFile)) File.Delete(databaseFile);
        var package = new PackageUnderTest("snowplow_mobile", "mobile", null, null);
        var runner = new ScenarioRunner(ConformanceProject.Create(repositoryRoot, package, databaseFile), databaseFile, log);
        runner.Stage(Path.Combine(dataDirectory, "source", "snowplow_mobile_events.csv"), ScenarioVars);
        // Snowplow's staging model keeps the rows whose user_id is not the label 'NULL device_user_id' (a NULL user_id
        // fails that predicate too); no row of this data is dropped.
        runner.Sql("delete from atomic.events where user_id is null or user_id in ('NULL device_user_id')");

        var first = Scoped(new Dictionary<string, object?> { ["snowplow__allow_refresh"] = true, ["snowplow__backfill_limit_days"] = schedule?.FirstBackfillDays ?? 60 });
        runner.Execute(first, RunMode.Models, fullRefresh: true, "run 1 (full refresh)");
        if (schedule is null)
            for (var run = 2; run <= 4; run++) runner.Execute(ScenarioVars, RunMode.Models, fullRefresh: false, $"run {run}");
        else
        {
            var next = Scoped(new Dictionary<string, object?> { ["snowplow__backfill_limit_days"] = schedule.BackfillDays });
            runner.ExecuteUntilCaughtUp("snowplow_mobile", next);
        }

        var expected = Path.Combine(dataDirectory, "expected", "databricks");
        ExpectedTable Table(string name, string key, int? round) => new(name, new Relation(null, "main_derived", "snowplow_mobile_" + name),
            Path.Combine(expected, $"snowplow_mobile_{name}_expected.csv"), key, round);
        return runner.Compare([Table("screen_views", "screen_view_id", 4), Table("sessions", "session_id", 4), Table("users", "device_user_id", null)]);
    }

    /// <summary>The scenario's vars with some of the package's replaced (as `dbt run --vars` on top of the project's).</summary>
    private static Dictionary<string, object?> Scoped(Dictionary<string, object?> overrides)
    {
        var scoped = new Dictionary<string, object?>((Dictionary<string, object?>)ScenarioVars["snowplow_mobile"]!);
        foreach (var (key, value) in overrides) scoped[key] = value;
        return new Dictionary<string, object?> { ["snowplow_mobile"] = scoped };
    }
}
