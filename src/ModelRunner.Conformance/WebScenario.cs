using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.Events;

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

    private string? _project;

    /// <summary>Builds the project, stages the standard events and runs the schedule up to run 4.</summary>
    public void RunStandard()
    {
        if (File.Exists(databaseFile)) File.Delete(databaseFile);
        var project = _project = ConformanceProject.Create(repositoryRoot, dataDirectory, databaseFile);
        var engines = new EngineRegistry([new DuckDbEngineFactory()]);

        var staging = Open(project, engines, ScenarioVars);
        foreach (var result in new EventsLoadService().Load(staging, SnowplowCsvLoader.FormatName,
                     [Path.Combine(dataDirectory, "source", "snowplow_web_events.csv")], null, _ => { }))
            log.WriteLine($"staged {result.Loaded} events from {Path.GetFileName(result.Path)} ({result.Rejected} rejected)");
        Execute(project, engines, ScenarioVars, RunMode.Seeds, fullRefresh: true, "seeds");

        var smoke = new Dictionary<string, object?>(ScenarioVars)
        {
            ["snowplow__allow_refresh"] = true, ["snowplow__backfill_limit_days"] = 243, ["snowplow__enable_iab"] = false,
            ["snowplow__enable_ua"] = false, ["snowplow__enable_yauaa"] = false, ["snowplow__conversion_events"] = null,
            ["snowplow__total_all_conversions"] = false, ["snowplow__list_event_counts"] = false, ["snowplow__enable_consent"] = false,
        };
        Execute(project, engines, smoke, RunMode.Models, fullRefresh: true, "run 0 (smoke, full refresh)");
        var first = new Dictionary<string, object?>(ScenarioVars) { ["snowplow__allow_refresh"] = true, ["snowplow__backfill_limit_days"] = 243 };
        Execute(project, engines, first, RunMode.Models, fullRefresh: true, "run 1 (full refresh)");
        for (var run = 2; run <= 4; run++) Execute(project, engines, ScenarioVars, RunMode.Models, fullRefresh: false, $"run {run}");
    }

    /// <summary>
    /// The core web vitals run: the vitals events staged after the standard ones (a separate 2023 dataset), then a full
    /// refresh of the vital measurements and everything upstream, from 2023-03-01 over 50 days, measuring 999 days.
    /// </summary>
    public void RunVitals()
    {
        var project = _project ?? throw new InvalidOperationException("run the standard schedule first");
        var engines = new EngineRegistry([new DuckDbEngineFactory()]);
        var vars = new Dictionary<string, object?>(ScenarioVars)
        {
            ["snowplow__allow_refresh"] = true, ["snowplow__start_date"] = "2023-03-01", ["snowplow__backfill_limit_days"] = 50,
            ["snowplow__cwv_days_to_measure"] = 999, ["snowplow__enable_cwv"] = true,
        };
        foreach (var result in new EventsLoadService().Load(Open(project, engines, vars), SnowplowCsvLoader.FormatName,
                     [Path.Combine(dataDirectory, "source", "snowplow_web_vital_events.csv")], null, _ => { }))
            log.WriteLine($"staged {result.Loaded} events from {Path.GetFileName(result.Path)} ({result.Rejected} rejected: no event_id)");
        Execute(project, engines, vars, RunMode.Models, fullRefresh: true, "run F (core web vitals, full refresh)", ["+snowplow_web_vital_measurements"]);
    }

    private static Workspace Open(string project, EngineRegistry engines, Dictionary<string, object?> vars) =>
        Workspace.Open(new WorkspaceOptions(project, null, null, JsonSerializer.Serialize(vars), new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, PartialParse: false), engines);

    private void Execute(string project, EngineRegistry engines, Dictionary<string, object?> vars, RunMode mode, bool fullRefresh, string label,
        string[]? select = null)
    {
        var workspace = Open(project, engines, vars);
        var results = new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory())
            .Run(workspace, new RunRequest(select ?? [], [], fullRefresh, null, true, mode, []), new SilentReporter());
        var failures = results.Nodes.Where(n => !n.Succeeded).ToList();
        log.WriteLine($"{label}: {results.Nodes.Length - failures.Count}/{results.Nodes.Length} nodes succeeded");
        if (failures.Count > 0)
            throw new InvalidOperationException($"{label} failed:\n" + string.Join("\n", failures.Select(f => $"  {f.Name}: {f.Message}")));
    }
}
