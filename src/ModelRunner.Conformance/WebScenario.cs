using ModelRunner.Core.Running;

namespace ModelRunner.Conformance;

/// <summary>
/// Snowplow's integration-test scenario for the web package 0.15.2 (spec: snowplow-web-consent-cwv-conformance.md §4):
/// the events CSV staged into atomic.events through the events loader, Snowplow's seeds loaded, then the exact run
/// schedule — a smoke full refresh with everything off, the full refresh of run 1 (backfill 243 days, contexts,
/// conversions, event counts), and three plain incremental runs — with the clock frozen at 2024-01-01.
/// </summary>
public sealed class WebScenario(string repositoryRoot, string dataDirectory, string databaseFile, TextWriter log)
{
    public const string FrozenNow = "2024-01-01 00:00:00";

    private static readonly Dictionary<string, object?> ScenarioVars = new()
    {
        ["snowplow__start_date"] = "2020-07-03",
        ["snowplow__backfill_limit_days"] = 2,
        ["snowplow__enable_iab"] = true,
        ["snowplow__enable_ua"] = true,
        ["snowplow__enable_yauaa"] = true,
        ["snowplow__list_event_counts"] = true,
        ["snowplow__total_all_conversions"] = true,
        ["snowplow__conversion_events"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["name"] = "view_page", ["condition"] = "event_name = 'page_view'", ["value"] = "tr_total_base",
                ["default_value"] = 0.5, ["list_events"] = true,
            },
        },
        ["snowplow__current_timestamp"] = FrozenNow,
        ["snowplow__enable_consent"] = true,
        ["snowplow__enable_cwv"] = false, // on only for the vitals run (RunVitals)
    };

    private ScenarioRunner? _runner;

    /// <summary>The web package with Snowplow's seeds (text: a country code like NA stays 'NA') and the scenario's two macro overrides.</summary>
    private PackageUnderTest Package => new("snowplow_web", "web", Path.Combine(dataDirectory, "seeds"),
        Path.Combine(repositoryRoot, "tests", "conformance", "macros"), SeedTypes);

    private static readonly Dictionary<string, string> SeedTypes = new()
    {
        ["source"] = "varchar", ["source_category"] = "varchar", ["name"] = "varchar", ["alpha_2"] = "varchar",
        ["alpha_3"] = "varchar", ["region"] = "varchar", ["lang_tag"] = "varchar",
    };

    /// <summary>
    /// Builds the project, stages the standard events and runs the schedule up to run 4; with <paramref name="schedule"/>,
    /// run 1 backfills its days and plain runs of its other figure follow until the manifest stops moving.
    /// </summary>
    public ScenarioRunner RunStandard(RunSchedule? schedule = null)
    {
        if (File.Exists(databaseFile)) File.Delete(databaseFile);
        var runner = _runner = new ScenarioRunner(ConformanceProject.Create(repositoryRoot, Package, databaseFile), databaseFile, log);
        runner.Stage(Path.Combine(dataDirectory, "source", "snowplow_web_events.csv"), ScenarioVars);
        runner.Execute(ScenarioVars, RunMode.Seeds, fullRefresh: true, "seeds");

        var smoke = new Dictionary<string, object?>(ScenarioVars)
        {
            ["snowplow__allow_refresh"] = true, ["snowplow__backfill_limit_days"] = 243, ["snowplow__enable_iab"] = false,
            ["snowplow__enable_ua"] = false, ["snowplow__enable_yauaa"] = false, ["snowplow__conversion_events"] = null,
            ["snowplow__total_all_conversions"] = false, ["snowplow__list_event_counts"] = false, ["snowplow__enable_consent"] = false,
        };
        runner.Execute(smoke, RunMode.Models, fullRefresh: true, "run 0 (smoke, full refresh)");
        var first = new Dictionary<string, object?>(ScenarioVars) { ["snowplow__allow_refresh"] = true, ["snowplow__backfill_limit_days"] = schedule?.FirstBackfillDays ?? 243 };
        runner.Execute(first, RunMode.Models, fullRefresh: true, "run 1 (full refresh)");
        if (schedule is null)
        {
            for (var run = 2; run <= 4; run++) runner.Execute(ScenarioVars, RunMode.Models, fullRefresh: false, $"run {run}");
            return runner;
        }
        var next = new Dictionary<string, object?>(ScenarioVars) { ["snowplow__backfill_limit_days"] = schedule.BackfillDays };
        runner.ExecuteUntilCaughtUp("snowplow_web", next);
        return runner;
    }

    /// <summary>
    /// The core web vitals run: the vitals events staged after the standard ones (a separate 2023 dataset, 2023-03-01 to
    /// 03-28), then a full refresh of the vital measurements and everything upstream, from 2023-03-01 over 50 days,
    /// measuring 999 days; with <paramref name="schedule"/>, over its first figure of days, then plain runs of the second.
    /// </summary>
    public void RunVitals(RunSchedule? schedule = null)
    {
        var runner = _runner ?? throw new InvalidOperationException("run the standard schedule first");
        var vars = new Dictionary<string, object?>(ScenarioVars)
        {
            ["snowplow__allow_refresh"] = true, ["snowplow__start_date"] = "2023-03-01", ["snowplow__backfill_limit_days"] = schedule?.FirstBackfillDays ?? 50,
            ["snowplow__cwv_days_to_measure"] = 999, ["snowplow__enable_cwv"] = true,
        };
        runner.Stage(Path.Combine(dataDirectory, "source", "snowplow_web_vital_events.csv"), vars, ": no event_id");
        string[] vitals = ["+snowplow_web_vital_measurements"];
        runner.Execute(vars, RunMode.Models, fullRefresh: true, "run F (core web vitals, full refresh)", vitals);
        if (schedule is null) return;
        // As a Snowplow user would: the other tagged models are not selected, so they must not count as in the run (they
        // would never catch up to the vitals models, and every run would take the first run's window again, spec §4.9).
        var next = new Dictionary<string, object?>(vars)
        {
            ["snowplow__allow_refresh"] = false, ["snowplow__backfill_limit_days"] = schedule.BackfillDays,
            ["models_to_run"] = "snowplow_web_vital_events_this_run snowplow_web_vitals_this_run snowplow_web_vitals snowplow_web_vital_measurements",
        };
        runner.ExecuteUntilCaughtUp("snowplow_web", next, "run F", vitals);
    }
}
