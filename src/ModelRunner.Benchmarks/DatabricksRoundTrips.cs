using System.Collections.Concurrent;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.Databricks;

namespace ModelRunner.Benchmarks;

/// <summary>
/// How many round trips a scheduled run of the web and mobile packages makes to Databricks, per incremental model:
/// statements plus metadata queries (schema listings, column reads, counts), counted by a scripted Databricks engine
/// that answers as a warehouse where every table exists and runs nothing. Calls outside any model's build (schemas,
/// run hooks, run health) are counted apart. Each round trip to a SQL warehouse costs tens to hundreds of milliseconds.
/// </summary>
public static class DatabricksRoundTrips
{
    /// <param name="traceModel">A model whose round trips are printed one by one (the first line of each statement).</param>
    public static void Run(string work, string? traceModel = null)
    {
        var root = PackageBenchmark.RepositoryRoot();
        var project = Path.Combine(work, "databricks-roundtrips");
        if (Directory.Exists(project)) Directory.Delete(project, recursive: true);
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(root, "models.yml"), Path.Combine(project, "models.yml"));
        foreach (var folder in new[] { "models", "macros", "profiles" }) PackageBenchmark.CopyDirectory(Path.Combine(root, folder), Path.Combine(project, folder));

        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var reporter = new Attribution();
        var options = new WorkspaceOptions(project, null, "databricks", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, PartialParse: false);
        var probe = Workspace.Open(options, new EngineRegistry([new DatabricksEngineFactory()]));
        var identifiers = probe.Dag.Ordered.Select(n => probe.Namer.RelationOf(n).Identifier).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var engines = new EngineRegistry([new ScriptedWarehouse(identifiers, reporter, calls, traceModel)]);
        var workspace = Workspace.Open(options, engines);
        var request = new RunRequest(["tag:snowplow_web", "tag:snowplow_mobile"], [], FullRefresh: false, Threads: 1, FailFast: false, RunMode.Models, []);
        new RunService(MaterializationRegistry.Default()).Run(workspace, request, reporter);

        var incremental = workspace.Dag.Ordered.Where(n => n.Config.Materialized == "incremental" && reporter.Built.Contains(n.Name)).Select(n => n.Name).ToList();
        var perModel = incremental.Select(n => calls.GetValueOrDefault(n)).ToList();
        foreach (var heavy in incremental.Where(n => calls.GetValueOrDefault(n) > 3))
            Console.WriteLine($"databricks: {heavy}: {calls.GetValueOrDefault(heavy)} (its hooks included)");
        var others = reporter.Built.Except(incremental).Select(n => calls.GetValueOrDefault(n)).ToList();
        Console.WriteLine($"databricks: web + mobile scheduled run, {incremental.Count} incremental models: statements + metadata queries per incremental model "
            + $"average {perModel.Average():0.00} (min {perModel.Min()}, max {perModel.Max()}; target <= 3)");
        Console.WriteLine($"databricks: {others.Count} table and view models: average {others.Average():0.00} per model; "
            + $"outside any model (schemas, run hooks, run health): {calls.GetValueOrDefault("")}");
    }

    /// <summary>Which model is being built (one worker): calls are counted against it.</summary>
    private sealed class Attribution : IRunReporter
    {
        public volatile string Current = "";
        public HashSet<string> Built { get; } = new(StringComparer.Ordinal);
        public void Info(string message) { }
        public void Warning(string message) { }
        public void NodeStarted(int index, int total, RunItem item) { Current = item.Name; lock (Built) Built.Add(item.Name); }
        public void NodeFinished(int index, int total, NodeResult result) => Current = "";
        public void RunFinished(RunResults results) { }
    }

    private sealed class ScriptedWarehouse(HashSet<string> tables, Attribution attribution, ConcurrentDictionary<string, int> calls, string? traced)
        : IEngineFactory
    {
        public string Type => "databricks";
        public EngineCapabilities Capabilities => DatabricksEngineFactory.DatabricksCapabilities;
        public SqlDialect Dialect { get; } = new DatabricksDialect();
        public IReadOnlyCollection<string> KnownSettings => DatabricksSettings.Known;

        public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false) => new Warehouse(this, target);

        /// <summary>Every table of the scripted warehouse has these columns.</summary>
        private static readonly IReadOnlyList<ColumnInfo> Columns = [new("a", "string"), new("b", "string")];

        private void Call(string what = "")
        {
            calls.AddOrUpdate(attribution.Current, 1, (_, n) => n + 1);
            if (traced is not null && attribution.Current == traced)
                Console.WriteLine($"  {traced}: {(what.Length == 0 ? "(metadata query)" : what.Split('\n')[0])}");
        }

        private Dictionary<string, RelationKind> Existing() => tables.ToDictionary(t => t, _ => RelationKind.Table, StringComparer.OrdinalIgnoreCase);

        private sealed class Warehouse(ScriptedWarehouse owner, TargetSettings target) : IEngine
        {
            public string Type => owner.Type;
            public EngineCapabilities Capabilities => owner.Capabilities;
            public SqlDialect Dialect => owner.Dialect;
            public TargetSettings Target => target;
            public IEngineSession OpenSession() => new Session(owner);
            public void Dispose() { }
        }

        private sealed class Session(ScriptedWarehouse owner) : IEngineSession
        {
            public long Execute(string sql) { owner.Call(sql); return 0; }
            public QueryResult Query(string sql, int? maxRows = null) { owner.Call(sql); return new QueryResult(["n"], [[0L]]); }
            public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) { owner.Call(); return Columns; }
            public IReadOnlyDictionary<Relation, IReadOnlyList<ColumnInfo>> GetColumnsOf(IReadOnlyList<Relation> relations)
            {
                owner.Call(); // one information_schema query, as the Databricks session asks it
                return relations.Distinct().ToDictionary(r => r, _ => Columns);
            }
            public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema)
            {
                owner.Call();
                return owner.Existing();
            }
            public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas)
            {
                owner.Call(); // one information_schema query for the schemas' tables and their columns, as the Databricks session asks it
                return SchemaListing.PerSchema(schemas,
                    _ => new SchemaListing(owner.Existing(), owner.Existing().Keys.ToDictionary(t => t, _ => Columns, StringComparer.OrdinalIgnoreCase)));
            }
            // Delta's DML answers with the rows it wrote; a CREATE TABLE … AS is not taken to (when a warehouse does not say,
            // the session counts the table: one more round trip, counted here as it would be there).
            public long ExecuteAtomically(IReadOnlyList<string> statements)
            {
                foreach (var sql in statements) owner.Call(sql);
                return statements.Count > 0 && statements[^1].TrimStart().StartsWith("create", StringComparison.OrdinalIgnoreCase) ? -1 : 1;
            }
            public void Dispose() { }
        }
    }
}
