using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.Events;

namespace ModelRunner.Conformance;

/// <summary>
/// The steps every Snowplow scenario is made of: stage an events CSV through the events loader, run a mode of the
/// project with the scenario's vars (--vars, so they win over the project's), compare expected tables.
/// </summary>
public sealed class ScenarioRunner(string project, string databaseFile, TextWriter log)
{
    private readonly EngineRegistry _engines = new([new DuckDbEngineFactory()]);

    public void Stage(string csv, IReadOnlyDictionary<string, object?> vars, string? note = null)
    {
        foreach (var result in new EventsLoadService().Load(Open(vars), SnowplowCsvLoader.FormatName, [csv], null, _ => { }))
            log.WriteLine($"staged {result.Loaded} events from {Path.GetFileName(result.Path)} ({result.Rejected} rejected{note})");
    }

    public void Execute(IReadOnlyDictionary<string, object?> vars, RunMode mode, bool fullRefresh, string label, string[]? select = null)
    {
        var results = new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory())
            .Run(Open(vars), new RunRequest(select ?? [], [], fullRefresh, null, true, mode, []), new SilentReporter());
        var failures = results.Nodes.Where(n => !n.Succeeded).ToList();
        log.WriteLine($"{label}: {results.Nodes.Length - failures.Count}/{results.Nodes.Length} nodes succeeded");
        if (failures.Count > 0)
            throw new InvalidOperationException($"{label} failed:\n" + string.Join("\n", failures.Select(f => $"  {f.Name}: {f.Message}")));
    }

    /// <summary>
    /// Plain runs (numbered from 2 after <paramref name="label"/>) until the incremental manifest of
    /// <paramref name="package"/> stops moving: a schedule catching up with the staged events (see <see cref="RunSchedule"/>).
    /// </summary>
    public void ExecuteUntilCaughtUp(string package, IReadOnlyDictionary<string, object?> vars, string label = "run ", string[]? select = null)
    {
        var watermark = $"select cast(max(last_success) as varchar) from main_snowplow_manifest.{package}_incremental_manifest";
        string? last = null;
        for (var number = 2; number < 400; number++)
        {
            Execute(vars, RunMode.Models, fullRefresh: false, $"{label}{number}", select);
            var now = Scalar(watermark);
            if (now == last) return;
            last = now;
        }
        throw new InvalidOperationException($"the {package} manifest still moved after 400 runs");
    }

    /// <summary>Runs SQL against the scenario's database (a staging step of Snowplow's test project).</summary>
    public void Sql(string sql)
    {
        using var engine = Open(new Dictionary<string, object?>()).Connect();
        using var session = engine.OpenSession();
        session.Execute(sql);
    }

    /// <summary>The first value a query returns, as text.</summary>
    public string? Scalar(string sql)
    {
        using var engine = Open(new Dictionary<string, object?>()).Connect();
        using var session = engine.OpenSession();
        return session.Query(sql).Rows[0][0]?.ToString();
    }

    public List<ComparisonResult> Compare(IEnumerable<ExpectedTable> expectedTables)
    {
        var target = new TargetSettings("conformance", "conformance", "duckdb", "main", null, 1,
            System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty.Add("path", Path.GetFullPath(databaseFile)), "(conformance)");
        using var engine = new DuckDbEngineFactory().Create(target, Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        using var session = engine.OpenSession();
        var comparison = new TableComparison(session, engine.Dialect);
        var compared = expectedTables.Select(comparison.Compare).ToList();
        foreach (var result in compared) log.WriteLine(result);
        return compared;
    }

    private Workspace Open(IReadOnlyDictionary<string, object?> vars) =>
        Workspace.Open(new WorkspaceOptions(project, null, null, JsonSerializer.Serialize(vars), new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, PartialParse: false), _engines);
}
