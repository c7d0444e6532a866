using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.TestSupport;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// No warehouse here: every statement a Snowplow package (web, mobile, media player) sends to Databricks — each model's build (CREATE OR REPLACE
/// TABLE … USING DELTA AS, views) and each incremental model's delete+insert or merge — is parsed by a Spark SQL
/// grammar (dt-sql-parser, installed by .ci/run with npm) and must have zero syntax errors. Databricks-only syntax
/// the grammar does not know is listed in <see cref="DatabricksOnly"/> and kept out of what it checks.
/// </summary>
public partial class CompiledDatabricksSqlParsesAsSparkSql
{
    [SkippableTheory]
    [InlineData("snowplow_web")]
    [InlineData("snowplow_mobile")]
    [InlineData("snowplow_media_player")]
    public void Every_statement_of_the_package_has_no_syntax_error(string package)
    {
        Skip.IfNot(SparkSqlChecker.Installed, SparkSqlChecker.MissingReason);
        var workspace = Workspace.Open(new WorkspaceOptions(SharedData.RepositoryRoot, null, "databricks", null, new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, PartialParse: false), new EngineRegistry([new DuckDbEngineFactory(), new DatabricksEngineFactory()]));
        var dialect = workspace.EngineFactory.Dialect;
        var models = workspace.Project.Nodes.Where(n => n.Package == package && n.Kind == Core.Project.NodeKind.Model).ToList();
        var built = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll(models);
        var incremental = workspace.CreateCompiler(RelationCatalog.FromLister((_, _) => models.ToDictionary(
            m => workspace.Namer.RelationOf(m).Identifier, _ => RelationKind.Table)), fullRefresh: false)
            .CompileAll(models.Where(m => m.Config.Materialized == "incremental").ToList());

        var statements = new List<(string Name, string Sql)>();
        foreach (var node in built.Where(c => !c.Node.IsEphemeral))
            statements.Add((node.Node.Name, node.Node.Config.Materialized == "view"
                ? dialect.CreateOrReplaceView(node.Relation, node.Sql)
                : dialect.CreateOrReplaceTableAs(node.Relation, node.Sql)));
        foreach (var node in incremental)
        {
            var config = node.Node.Config;
            var scratch = node.Relation.WithIdentifier(node.Relation.Identifier + "__mr_new");
            statements.Add((node.Node.Name + ".new_rows", dialect.CreateTableAs(scratch, node.Sql)));
            var columns = new[] { "a", "b" };
            var keys = config.UniqueKey.IsDefaultOrEmpty ? ["a"] : config.UniqueKey.ToArray();
            var predicates = config.GetStrings("incremental_predicates");
            for (var i = 0; i < 2; i++)
                statements.AddRange(dialect.DeleteInsert(node.Relation, scratch, keys, columns, predicates).Select((sql, j) => ($"{node.Node.Name}.delete_insert{j}", sql)));
            statements.Add((node.Node.Name + ".merge", dialect.Merge(node.Relation, scratch, keys, columns, predicates)));
        }
        statements.AddRange(built.SelectMany(c => c.PostHooks.Select((hook, i) => ($"{c.Node.Name}.post_hook{i}", hook))));
        // The package's run hooks, the manifest update as after a run in which every model succeeded.
        var compiler = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false);
        var succeeded = built.Select(c => new NodeResult(c.Node.UniqueId, c.Node.Name, c.Node.Config.Materialized, c.Relation.ToString(),
            NodeStatus.Success, null, "", TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UtcNow, 0, null, [])).ToList();
        var hooks = workspace.Project.RunStartHooks.Concat(workspace.Project.RunEndHooks).Where(h => h.Package == package).ToList();
        Assert.True(hooks.Count > 0 || package == "snowplow_media_player", "the package has no run hooks"); // media rides on web's
        statements.AddRange(hooks.Select(h => (h.Label.Replace(' ', '_'), compiler.RenderProjectHook(h, succeeded))));
        // Its run-health and input-signal queries, and the keyhole run's limits.
        foreach (var p in workspace.Project.Packages.Where(p => p.Name == package && p.RunHealth is not null))
            statements.Add(("run_health", compiler.RenderProjectHook(new Core.Project.RunHook(p.RunHealth!, "run-health", p.File, p.Name))));
        foreach (var p in workspace.Project.Packages.Where(p => p.Name == package && p.InputSignal is not null))
            statements.Add(("input_signal", compiler.RenderProjectHook(new Core.Project.RunHook(p.InputSignal!, "input-signal", p.File, p.Name))));
        var keyhole = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false, window: EventTimeWindow.FromOptions("2024-01-01", "2024-01-02"))
            .CompileAll(models.Where(m => m.Name.EndsWith("_base_new_event_limits", StringComparison.Ordinal) || m.Name.EndsWith("_base_sessions_this_run", StringComparison.Ordinal)).ToList());
        statements.AddRange(keyhole.Select(c => (c.Node.Name + ".keyhole", dialect.CreateOrReplaceTableAs(c.Relation, c.Sql))));

        var directory = Directory.CreateTempSubdirectory("mr-sparksql-").FullName;
        try
        {
            var files = statements.Select((s, i) =>
            {
                var path = Path.Combine(directory, $"{i:000}_{s.Name}.sql");
                File.WriteAllText(path, DatabricksOnly.Strip(s.Sql));
                return path;
            }).ToList();
            var errors = SparkSqlChecker.Errors(files);
            Assert.True(statements.Count > models.Count + incremental.Length, $"only {statements.Count} statements for {models.Count} models");
            Assert.True(errors.Count == 0, $"{errors.Count} of {files.Count} statements do not parse:\n" + string.Join("\n", errors));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>Runs the Spark SQL grammar (tests/ModelRunner.Databricks.Tests/sparksql, Node) over SQL files.</summary>
public static class SparkSqlChecker
{
    private static readonly string Checker = Path.Combine(SharedData.RepositoryRoot, "tests", "ModelRunner.Databricks.Tests", "sparksql");

    public static bool Installed => Directory.Exists(Path.Combine(Checker, "node_modules", "dt-sql-parser"));

    public static string MissingReason => $"dt-sql-parser is not installed: run `npm ci` in {Checker} (.ci/run does)";

    private sealed record ParseError(int Line, int Column, string Message);
    private sealed record ParseResult(string File, List<ParseError> Errors);

    /// <summary>One line per file that does not parse: file, line:column and the first error.</summary>
    public static List<string> Errors(IReadOnlyList<string> files) =>
        Parse(files).Where(r => r.Errors.Count > 0)
            .Select(r => $"{Path.GetFileName(r.File)}: {r.Errors[0].Line}:{r.Errors[0].Column} {r.Errors[0].Message}").ToList();

    private static List<ParseResult> Parse(IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Checker };
        start.ArgumentList.Add("check.mjs");
        foreach (var file in files) start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        // Both streams are drained at once: the parser also reports errors on stderr, which would otherwise fill up and block it.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "the Spark SQL checker failed: " + error.Result);
        return JsonSerializer.Deserialize<List<ParseResult>>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}

/// <summary>
/// Databricks SQL the Spark grammar of dt-sql-parser does not know, taken out before parsing — each listed here
/// and nowhere else: QUALIFY (Databricks filters on window functions), <c>* EXCEPT (…)</c> (Databricks star
/// exclusion) and three-part names (Unity Catalog's catalog.schema.table, checked as schema.table). Line comments are
/// dropped too: the checker splits statements on ';' even inside them.
/// </summary>
public static partial class DatabricksOnly
{
    public static string Strip(string sql) =>
        LiquidClustering().Replace(ThreePartName().Replace(StarExcept().Replace(WithoutQualify(LineComment().Replace(sql, "")), "$1"), "$2"), "$1");

    /// <summary>Removes each QUALIFY clause up to the end of its query (the closing parenthesis of its level, or the end).</summary>
    private static string WithoutQualify(string sql)
    {
        while (Qualify().Match(sql) is { Success: true } m)
        {
            var depth = 0;
            var end = m.Index + m.Length;
            for (; end < sql.Length; end++)
            {
                if (sql[end] == '(') depth++;
                else if (sql[end] == ')' && --depth < 0) break;
            }
            sql = sql[..m.Index] + sql[end..];
        }
        return sql;
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"(`[^`]+`)\.(`[^`]+`\.`[^`]+`)")]
    private static partial Regex ThreePartName();

    [GeneratedRegex(@"\bqualify\b", RegexOptions.IgnoreCase)]
    private static partial Regex Qualify();

    [GeneratedRegex(@"(\*)\s+except\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex StarExcept();

    /// <summary>A table's liquid clustering (<c>using delta cluster by (…)</c>), Delta's, not in the Spark grammar; a query's CLUSTER BY is.</summary>
    [GeneratedRegex(@"(\busing delta)\s+cluster by \([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex LiquidClustering();
}
