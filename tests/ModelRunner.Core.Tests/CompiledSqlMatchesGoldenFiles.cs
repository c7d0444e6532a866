using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>
/// Golden files (Scriban's TestFiles layout): TestFiles/golden/project is compiled for each dialect and compared
/// with TestFiles/golden/expected/&lt;engine&gt;/&lt;model&gt;[.incremental].sql. Set MODELRUNNER_UPDATE_GOLDEN=1 to rewrite them.
/// </summary>
public class CompiledSqlMatchesGoldenFiles
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestFiles", "golden");

    public static TheoryData<string, bool> Cases() => new()
    {
        { "sessions", false }, { "sessions", true }, { "pages", false }, { "daily", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Duckdb(string model, bool incremental)
    {
        var options = new WorkspaceOptions(Path.Combine(Root, "project"), null, null, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var workspace = Workspace.Open(options, TempProject.Engines());
        var catalog = incremental
            ? RelationCatalog.FromLister((_, _) => new Dictionary<string, RelationKind> { [model] = RelationKind.Table })
            : RelationCatalog.Offline();
        var compiled = workspace.CreateCompiler(catalog, fullRefresh: false).Compile(workspace.Dag.ByName[model]);
        var name = model + (incremental ? ".incremental" : "") + ".sql";
        var expectedPath = Path.Combine(Root, "expected", "duckdb", name);
        if (Environment.GetEnvironmentVariable("MODELRUNNER_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceTestFiles(), "golden", "expected", "duckdb", name);
            File.WriteAllText(source, compiled.Sql);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing golden file {name}; run with MODELRUNNER_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(expectedPath), compiled.Sql);
    }

    public static TheoryData<string> DataTests() => new()
    {
        "not_null_sessions_session_id", "unique_sessions_session_id", "unique_sessions__session_id__started_at",
        "expression_is_true_sessions__page_views_0", "accepted_range_daily_day__date_2020_01_01_",
        "accepted_values_daily_page_views__false__1__2__3", "source_relationships_atomic_checks_events_event_id__session_id__ref_sessions_",
    };

    /// <summary>The built-in generic tests, compiled: golden files under expected/duckdb/tests/.</summary>
    [Theory]
    [MemberData(nameof(DataTests))]
    public void Duckdb_data_test(string name)
    {
        var options = new WorkspaceOptions(Path.Combine(Root, "project"), null, null, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var workspace = Workspace.Open(options, TempProject.Engines());
        var compiler = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false);
        var test = workspace.Project.DataTests.Single(t => t.Name == name);
        var sql = new Testing.TestCompiler(workspace.Templates, compiler, workspace.EngineFactory.Dialect).Compile(test).Sql;
        AssertGolden(Path.Combine("tests", name + ".sql"), sql);
    }

    private static void AssertGolden(string name, string actual)
    {
        var expectedPath = Path.Combine(Root, "expected", "duckdb", name);
        if (Environment.GetEnvironmentVariable("MODELRUNNER_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceTestFiles(), "golden", "expected", "duckdb", name);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing golden file {name}; run with MODELRUNNER_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    private static string SourceTestFiles([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "TestFiles");
}
