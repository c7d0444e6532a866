using ModelRunner.Cli;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// What a keyhole backfill runs, per dialect: the run limits (the window), the sessions of the run (not capped at it) and
/// the media sessions of the run (all their events) are pinned by golden files TestFiles/golden/&lt;engine&gt;/keyhole/&lt;model&gt;.sql; the other models that
/// render differently differ only by their open "new events" guard; the rest render as in a scheduled run.
/// </summary>
public class KeyholeRunsCompileToGoldenSqlForBothDialects
{
    [Theory]
    [InlineData("dev", "duckdb")]
    [InlineData("databricks", "databricks")]
    public void The_models_a_keyhole_run_changes_compile_to_their_golden_sql(string target, string engine)
    {
        var options = new WorkspaceOptions(SharedData.RepositoryRoot, null, target, null, new Dictionary<string, string>(),
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false);
        var workspace = Workspace.Open(options, CliApp.Engines());
        var (taking, _) = EventTimeWindow.Split(workspace.Project.Nodes.Where(n => n.Package is not null));
        var existing = RelationCatalog.FromLister((_, _) => workspace.Project.Nodes.ToDictionary(m => workspace.Namer.RelationOf(m).Identifier,
            _ => RelationKind.Table, StringComparer.OrdinalIgnoreCase));
        var window = EventTimeWindow.FromOptions("2024-04-03", "2024-04-04")!;
        var scheduled = workspace.CreateCompiler(existing, fullRefresh: false).CompileAll(taking);
        var keyhole = workspace.CreateCompiler(existing, fullRefresh: false, window: window).CompileAll(taking);
        var changed = keyhole.Zip(scheduled).Where(p => p.First.Sql != p.Second.Sql).Select(p => p.First).ToList();
        // The run limits of both packages, the sessions of the run, and the guarded derived models at least.
        foreach (var name in new[] { "snowplow_web_base_new_event_limits", "snowplow_web_base_sessions_this_run", "snowplow_web_sessions",
                     "snowplow_mobile_base_new_event_limits", "snowplow_mobile_base_sessions_this_run", "snowplow_mobile_sessions" })
            Assert.Contains(changed, c => c.Node.Name == name);
        // The limits and the sessions of the run are pinned whole; the derived models differ only by their "new events"
        // guard, which reads the manifest in a scheduled run and is open in a keyhole run.
        var pinned = changed.Where(c => !scheduled.Single(s => s.Node.Name == c.Node.Name).Sql.Contains("_incremental_manifest", StringComparison.Ordinal)).ToList();
        foreach (var guarded in changed.Except(pinned))
        {
            Assert.Contains("_incremental_manifest", scheduled.Single(s => s.Node.Name == guarded.Node.Name).Sql);
            Assert.DoesNotContain("_incremental_manifest", guarded.Sql);
        }
        var mismatches = pinned.Where(c => !Golden.Matches(engine, Path.Combine("keyhole", c.Node.Name), c.Sql)).Select(c => c.Node.Name).ToList();
        Assert.True(mismatches.Count == 0, $"keyhole SQL differs from the golden files for: {string.Join(", ", mismatches)} (MODELRUNNER_UPDATE_GOLDEN=1 rewrites them)");
    }
}
