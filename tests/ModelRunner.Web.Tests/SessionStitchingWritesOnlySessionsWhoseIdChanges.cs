using System.Collections.Immutable;
using ModelRunner.Cli;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The sessions tables' stitching post-hook gives every session the latest user_id mapped to its user column, and
/// writes only the sessions whose stitched id differs: a run whose mappings did not change writes none (on Delta a
/// MERGE that matched every mapped session would rewrite their files every run). The hooks are pinned per dialect in
/// TestFiles/golden/&lt;engine&gt;/&lt;model&gt;.post_hook.sql; the DuckDB one is run on a small table.
/// </summary>
public class SessionStitchingWritesOnlySessionsWhoseIdChanges
{
    private static CompiledNode Compile(string target, string model)
    {
        var options = new WorkspaceOptions(SharedData.RepositoryRoot, null, target, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false);
        var workspace = Workspace.Open(options, CliApp.Engines());
        var node = workspace.Project.Nodes.Single(n => n.Name == model);
        return workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll([node]).Single();
    }

    [Theory]
    [InlineData("dev", "duckdb", "snowplow_web_sessions")]
    [InlineData("dev", "duckdb", "snowplow_mobile_sessions")]
    [InlineData("databricks", "databricks", "snowplow_web_sessions")]
    [InlineData("databricks", "databricks", "snowplow_mobile_sessions")]
    public void The_hook_compiles_to_its_golden_sql(string target, string engine, string model)
    {
        var hook = Assert.Single(Compile(target, model).PostHooks);
        Assert.True(Golden.Matches(engine, model + ".post_hook", hook + "\n"),
            $"the post-hook of {model} differs from golden/{engine}/{model}.post_hook.sql (MODELRUNNER_UPDATE_GOLDEN=1 rewrites it; review the diff)");
    }

    [Fact]
    public void Only_sessions_whose_mapped_user_id_differs_are_updated_and_a_second_run_updates_none()
    {
        var hook = Assert.Single(Compile("dev", "snowplow_web_sessions").PostHooks);
        using var engine = new DuckDbEngineFactory().Create(new TargetSettings("p", "dev", "duckdb", "main", null, 1,
            ImmutableDictionary<string, object?>.Empty.Add("path", ":memory:"), ""), Path.GetTempPath());
        using var session = engine.OpenSession();
        session.Execute("create schema main_derived");
        session.Execute("create table main_derived.snowplow_web_sessions as select * from (values "
            + "('s1', 'u1', 'ann'), ('s2', 'u2', 'u2'), ('s3', 'u3', 'u3'), ('s4', 'u4', null), ('s5', 'u1', 'u1')) as t(domain_sessionid, domain_userid, stitched_user_id)");
        session.Execute("create table main_derived.snowplow_web_user_mapping as select * from (values "
            + "('u1', 'ann'), ('u2', 'bob'), ('u4', 'dan')) as t(domain_userid, user_id)");

        Assert.Equal(3, session.Execute(hook)); // s2, s4 and s5; s1 holds its id already, s3's user has no mapping
        var stitched = session.Query("select domain_sessionid, stitched_user_id from main_derived.snowplow_web_sessions order by 1").Rows
            .Select(r => $"{r[0]}={r[1]}").ToArray();
        Assert.Equal(new[] { "s1=ann", "s2=bob", "s3=u3", "s4=dan", "s5=ann" }, stitched);
        Assert.Equal(0, session.Execute(hook));
    }
}
