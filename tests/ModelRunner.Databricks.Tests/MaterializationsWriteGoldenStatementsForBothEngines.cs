using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// Golden files of the statements each materialization sends, for DuckDB and for Databricks (their dialects and
/// capabilities) and for an engine without an atomic CREATE OR REPLACE TABLE (DuckDB's dialect, the swap path), recorded from a scripted session: TestFiles/golden/materializations/&lt;engine&gt;/&lt;case&gt;.sql.
/// MODELRUNNER_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class MaterializationsWriteGoldenStatementsForBothEngines
{
    /// <summary>Answers introspection as a warehouse holding the target table (when <paramref name="exists"/>) and records every statement.</summary>
    private sealed class ScriptedSession(bool exists) : IEngineSession
    {
        public List<string> Statements { get; } = [];
        public long Execute(string sql) { Statements.Add(sql); return 0; }
        public QueryResult Query(string sql, int? maxRows = null) => sql.StartsWith("select distinct", StringComparison.Ordinal)
            ? new QueryResult(["day"], [[new DateOnly(2024, 1, 2)]])
            : new QueryResult(["count"], [[3L]]);
        public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => [new("day", "date"), new("app", "string"), new("n", "bigint")];
        public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) =>
            exists ? new Dictionary<string, RelationKind> { ["daily"] = RelationKind.Table } : new Dictionary<string, RelationKind>();
        public long ExecuteAtomically(IReadOnlyList<string> statements) { Statements.AddRange(statements); return -1; }
        public void Dispose() { }
    }

    public static TheoryData<string, string, bool, string?> Cases() => new()
    {
        { "view", "view", false, null },
        { "table", "table", false, null },
        { "table_replacing", "table", true, null },
        { "incremental_first_build", "incremental", false, null },
        { "incremental_merge", "incremental", true, "merge" },
        { "incremental_delete_insert", "incremental", true, "delete+insert" },
        { "incremental_append", "incremental", true, "append" },
        { "incremental_insert_overwrite", "incremental", true, "insert_overwrite" },
        // cluster_by: DuckDB writes the rows in that order (the first build and each batch of new rows), Databricks declares it
        { "table_clustered", "table", false, null },
        { "incremental_first_build_clustered", "incremental", false, null },
        { "incremental_delete_insert_clustered", "incremental", true, "delete+insert" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_materialization_sends_its_golden_statements(string name, string materialized, bool exists, string? strategy)
    {
        foreach (var (engine, dialect, capabilities, database) in new (string, SqlDialect, EngineCapabilities, string?)[]
                 {
                     ("duckdb", new DuckDbDialect(), DuckDbEngineFactory.DuckDbCapabilities, null),
                     ("databricks", new DatabricksDialect(), DatabricksEngineFactory.DatabricksCapabilities, "main"),
                     // An engine whose CREATE OR REPLACE TABLE is not atomic: tables are built aside and swapped in.
                     ("swap", new DuckDbDialect(), DuckDbEngineFactory.DuckDbCapabilities with { AtomicCreateOrReplaceTable = false }, null),
                 })
        {
            // The swap differs only where a whole table is built; elsewhere its statements are DuckDB's.
            var buildsWholeTable = materialized == "table" || (materialized == "incremental" && !exists);
            if (engine == "swap" && !buildsWholeTable) continue;
            var config = NodeConfig.Empty.With(new Dictionary<string, object?>
            {
                ["materialized"] = materialized, ["unique_key"] = "day", ["incremental_strategy"] = strategy, ["partition_by"] = strategy == "insert_overwrite" ? "day" : null,
                ["cluster_by"] = name.EndsWith("_clustered", StringComparison.Ordinal) ? "day" : null,
            });
            var node = new ProjectNode(NodeKind.Model, "daily", "models/daily.sql", "/p/models/daily.sql", config, null, [], [], null, [], []);
            var compiled = new CompiledNode(node, new Relation(database, "analytics", "daily"), "select day, app, count(*) as n from events group by all\n",
                exists && materialized == "incremental", [], []);
            var session = new ScriptedSession(exists);
            var catalog = RelationCatalog.FromSession(session);
            var plan = MaterializationRegistry.Default().Get(materialized, node.RelativePath, node.Name)
                // The table's columns come with the run's listing of its schema, as in a run.
                .Plan(new PlanContext(compiled, dialect, capabilities, PlanExecutor.StateOf(catalog, compiled.Relation),
                    TableColumns: exists ? session.GetColumns(compiled.Relation) : null));
            PlanExecutor.Execute(plan, session, dialect, catalog, compiled.Relation);
            var text = string.Join(";\n\n", session.Statements) + ";\n";
            Assert.True(Golden.Matches(Path.Combine("materializations", engine, name), text),
                $"{engine} {name}: the statements differ from the golden file (MODELRUNNER_UPDATE_GOLDEN=1 rewrites it):\n{text}");
        }
    }

    public static TheoryData<string, string, string?, string> JobCases() => new()
    {
        { "view", "view", null, "ignore" },
        { "table", "table", null, "ignore" },
        { "incremental_merge", "incremental", "merge", "ignore" },
        { "incremental_merge_append_new_columns", "incremental", "merge", "append_new_columns" },
        { "incremental_delete_insert", "incremental", "delete+insert", "ignore" },
        { "incremental_append_fail", "incremental", "append", "fail" },
        { "incremental_insert_overwrite", "incremental", "insert_overwrite", "sync_all_columns" },
    };

    /// <summary>
    /// The plan a Databricks job's task runs, where the table's state is known only when it runs: one script that
    /// creates the table when missing, keeps new rows only when it existed, decides on_schema_change in SQL and applies
    /// the rows by column name (golden files under materializations/databricks_job/).
    /// </summary>
    [Theory]
    [MemberData(nameof(JobCases))]
    public void Each_materialization_writes_one_script_for_a_job_that_decides_at_run_time(string name, string materialized, string? strategy, string onSchemaChange)
    {
        var config = NodeConfig.Empty.With(new Dictionary<string, object?>
        {
            ["materialized"] = materialized, ["unique_key"] = "day", ["incremental_strategy"] = strategy,
            ["partition_by"] = strategy == "insert_overwrite" ? "day" : null, ["on_schema_change"] = onSchemaChange,
        });
        var node = new ProjectNode(NodeKind.Model, "daily", "models/daily.sql", "/p/models/daily.sql", config, null, [], [], null, [], []);
        var relation = new Relation("main", "analytics", "daily");
        var first = new CompiledNode(node, relation, "select day, app, count(*) as n from events group by all\n", false, [], []);
        var later = first with { Sql = "select day, app, count(*) as n from events where day >= (select max(day) from `main`.`analytics`.`daily`) group by all\n", IsIncremental = true };
        var plan = MaterializationRegistry.Default().Get(materialized, node.RelativePath, node.Name).Plan(new PlanContext(first, new DatabricksDialect(),
            DatabricksEngineFactory.DatabricksCapabilities, TargetState.DecidedAtRunTime, WhenTableExists: materialized == "incremental" ? later : null));
        var text = string.Join(";\n\n", plan.Script()) + ";\n";
        Assert.True(Golden.Matches(Path.Combine("materializations", "databricks_job", name), text),
            $"{name}: the statements differ from the golden file (MODELRUNNER_UPDATE_GOLDEN=1 rewrites it):\n{text}");
    }
}

internal static class Golden
{
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "TestFiles", "golden");

    public static bool Matches(string name, string text)
    {
        var relative = name + ".sql";
        if (Environment.GetEnvironmentVariable("MODELRUNNER_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDirectory(), relative);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, text);
            return true;
        }
        var expected = Path.Combine(AppContext.BaseDirectory, "TestFiles", "golden", relative);
        return File.Exists(expected) && File.ReadAllText(expected) == text;
    }
}
