using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.TestSupport;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// The repository's cross-engine macros say the same thing on both engines: run for real on DuckDB, and rendered
/// for Databricks into the function with the same semantics (0-based lists, replace-all regular expressions, JSON paths).
/// </summary>
public class CrossEngineMacrosKeepOneMeaning
{
    private const string Model = """
        select
            {{ regex_replace "'a-b-c'" "-" "+" }} as replaced,
            {{ json_text "'{\"user\": {\"id\": \"u1\"}}'" "$.user.id" }} as user_id,
            {{ first_element "['x', 'y']" }} as first,
            {{ seconds_crossed "timestamp '2024-01-01 23:57:04.705'" "timestamp '2024-01-02 00:47:49.409'" }} as crossed,
            {{ add_days "timestamp '2024-01-01 10:30:00'" 3 }} as later
        """;

    private static TempProject Project()
    {
        var project = TempProject.CopyOfRepositoryProject();
        project.Write("models/probe.sql", Model);
        return project;
    }

    private static string Compile(TempProject project, string target)
    {
        var workspace = Workspace.Open(project.Options() with { Target = target, PartialParse = false },
            new EngineRegistry([new DuckDbEngineFactory(), new DatabricksEngineFactory()]));
        return workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).Compile(workspace.Dag.ByName["probe"]).Sql;
    }

    [Fact]
    public void On_duckdb_the_macros_compute_what_they_promise()
    {
        using var project = Project();
        var sql = Compile(project, "dev");
        using var engine = new DuckDbEngineFactory().Create(new TargetSettings("p", "t", "duckdb", "main", null, 1,
            System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty, ""), project.Root);
        using var session = engine.OpenSession();
        var row = session.Query(sql).Rows.Single();
        Assert.Equal("a+b+c", row[0]);
        Assert.Equal("u1", row[1]);
        Assert.Equal("x", row[2]);
        Assert.Equal(3045L, Convert.ToInt64(row[3]));
        Assert.Equal(new DateTime(2024, 1, 4, 10, 30, 0), row[4]);
    }

    [Fact]
    public void On_databricks_they_render_to_functions_of_the_same_meaning()
    {
        using var project = Project();
        var sql = Compile(project, "databricks");
        Assert.Contains("regexp_replace('a-b-c', '-', '+') as replaced", sql);
        Assert.Contains("get_json_object('{\"user\": {\"id\": \"u1\"}}', '$.user.id') as user_id", sql);
        Assert.Contains("['x', 'y'][0] as first", sql);
        Assert.Contains("unix_micros(", sql);
        Assert.Contains("timestampadd(DAY, 3, timestamp '2024-01-01 10:30:00') as later", sql);
    }
}
