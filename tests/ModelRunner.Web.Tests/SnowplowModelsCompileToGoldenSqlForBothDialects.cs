using ModelRunner.Cli;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// Golden files pin the SQL every model of the Snowplow packages (web, mobile, media player) compiles to, for DuckDB and for
/// Databricks, as a first build and (for
/// incremental models) as an incremental one: TestFiles/golden/&lt;engine&gt;/&lt;model&gt;[.incremental].sql (an ephemeral
/// model in its readers' files).
/// Compiling needs no connection and no credentials. MODELRUNNER_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class SnowplowModelsCompileToGoldenSqlForBothDialects
{
    public static TheoryData<string, string, string, int> Targets() => new()
    {
        { "dev", "duckdb", "snowplow_web", 29 }, { "databricks", "databricks", "snowplow_web", 29 },
        { "dev", "duckdb", "snowplow_mobile", 19 }, { "databricks", "databricks", "snowplow_mobile", 19 },
        { "dev", "duckdb", "snowplow_media_player", 6 }, { "databricks", "databricks", "snowplow_media_player", 6 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_model_of_the_package_compiles_to_its_golden_sql(string target, string engine, string package, int models)
    {
        var options = new WorkspaceOptions(SharedData.RepositoryRoot, null, target, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false);
        var workspace = Workspace.Open(options, CliApp.Engines());
        var nodes = workspace.Project.Nodes.Where(n => n.Package == package && n.Kind == Core.Project.NodeKind.Model).ToList();
        Assert.True(nodes.Count >= models, $"only {nodes.Count} {package} models");
        var first = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll(nodes);
        // Every relation exists: incremental models render their incremental branch.
        var existing = workspace.CreateCompiler(RelationCatalog.FromLister((_, _) => nodes.ToDictionary(m => workspace.Namer.RelationOf(m).Identifier,
            _ => RelationKind.Table)), fullRefresh: false).CompileAll(nodes.Where(m => m.Config.Materialized == "incremental").ToList());
        // An ephemeral model's SQL is pinned inside its readers' golden files, where it is inlined.
        var mismatches = first.Where(c => !c.Node.IsEphemeral).Select(c => (Name: c.Node.Name, c.Sql)).Concat(existing.Select(c => (Name: c.Node.Name + ".incremental", c.Sql)))
            .Where(c => !Golden.Matches(engine, c.Name, c.Sql)).Select(c => c.Name).ToList();
        Assert.True(mismatches.Count == 0, $"compiled SQL differs from the golden files for: {string.Join(", ", mismatches)}"
            + " (MODELRUNNER_UPDATE_GOLDEN=1 rewrites them; review the diff)");
    }
}

internal static class Golden
{
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "TestFiles", "golden");

    public static bool Matches(string engine, string name, string sql)
    {
        var relative = Path.Combine(engine, name + ".sql");
        if (Environment.GetEnvironmentVariable("MODELRUNNER_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDirectory(), relative);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, sql);
            return true;
        }
        var expected = Path.Combine(AppContext.BaseDirectory, "TestFiles", "golden", relative);
        return File.Exists(expected) && File.ReadAllText(expected) == sql;
    }
}
