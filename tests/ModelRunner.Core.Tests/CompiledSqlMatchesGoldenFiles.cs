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

    private static string SourceTestFiles([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "TestFiles");
}
