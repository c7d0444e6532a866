using ModelRunner.Cli;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// A dbt user's --vars work unchanged: models_to_remove empties the manifest rows of the models it names before the
/// run (snowplow__models_to_remove is an alias), and models_to_run restricts the models the run limits and the
/// manifest update track — for the web and the mobile package alike, globally or scoped to one package.
/// </summary>
public class SnowplowVariablesKeepSnowplowsNames
{
    private static Workspace Open(string vars) => Workspace.Open(new WorkspaceOptions(SharedData.RepositoryRoot, null, null, vars,
        new Dictionary<string, string>(), new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), PartialParse: false), CliApp.Engines());

    private static Dictionary<string, string> RunStart(string vars)
    {
        var workspace = Open(vars);
        var compiler = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false);
        return workspace.Project.RunStartHooks.Where(h => h.Package is not null).ToDictionary(h => h.Package!, h => compiler.RenderProjectHook(h));
    }

    [Fact]
    public void Models_to_remove_deletes_their_manifest_rows_in_every_package()
    {
        var hooks = RunStart("{models_to_remove: [snowplow_web_page_views, snowplow_mobile_sessions]}");
        Assert.Equal("delete from \"main_snowplow_manifest\".\"snowplow_web_incremental_manifest\" where model in ('snowplow_web_page_views', 'snowplow_mobile_sessions')",
            hooks["snowplow_web"]);
        Assert.Contains("\"snowplow_mobile_incremental_manifest\" where model in ('snowplow_web_page_views', 'snowplow_mobile_sessions')", hooks["snowplow_mobile"]);
    }

    [Fact]
    public void Models_to_remove_scoped_to_one_package_and_the_old_spelling_both_work()
    {
        var hooks = RunStart("{snowplow_mobile: {models_to_remove: snowplow_mobile_users}}");
        Assert.Equal("", hooks["snowplow_web"]); // nothing to remove: a hook that renders to nothing is not sent
        Assert.EndsWith("where model in ('snowplow_mobile_users')", hooks["snowplow_mobile"]);
        Assert.EndsWith("where model in ('snowplow_web_users')", RunStart("{snowplow__models_to_remove: [snowplow_web_users]}")["snowplow_web"]);
    }

    [Fact]
    public void Models_to_run_restricts_the_tracked_models_of_the_run_limits_and_the_manifest_update()
    {
        var workspace = Open("{models_to_run: 'snowplow_mobile_screen_views snowplow_mobile_sessions'}");
        var compiler = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false);
        var limits = compiler.Compile(workspace.Project.FindNode("snowplow_mobile_base_new_event_limits")!).Sql;
        Assert.Contains("where model in ('snowplow_mobile_screen_views', 'snowplow_mobile_sessions')", limits);
        Assert.Contains("when n_models < 2 then", limits);

        var results = workspace.Project.Nodes.Select(n => new NodeResult(n.UniqueId, n.Name, n.Config.Materialized, "", NodeStatus.Success,
            null, "", TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UtcNow, 0, null, [])).ToList();
        var end = workspace.Project.RunEndHooks.Single(h => h.Package == "snowplow_mobile");
        var update = compiler.RenderProjectHook(end, results);
        Assert.Contains("select 'snowplow_mobile_screen_views' as model union all select 'snowplow_mobile_sessions' as model)", update);
        Assert.DoesNotContain("snowplow_mobile_users", update);
    }

    [Fact]
    public void Without_models_to_run_every_tagged_model_the_package_builds_is_tracked()
    {
        var workspace = Open("{}");
        var limits = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false)
            .Compile(workspace.Project.FindNode("snowplow_mobile_base_new_event_limits")!).Sql;
        // 12 tagged models and the two of the app-errors module, which this project switches on, less the four ephemeral
        // ones (screen_views_this_run, sessions_this_run, users_this_run, app_errors_this_run): never built, they never
        // succeed in a run. The screen views' narrow picks, in base/, are not tagged for the manifest.
        Assert.Contains("when n_models < 10 then", limits);
        Assert.Contains("'snowplow_mobile_users_sessions_this_run'", limits);
        Assert.DoesNotContain("'snowplow_mobile_users_this_run'", limits);
        Assert.DoesNotContain("'snowplow_mobile_screen_views_this_run'", limits);
        Assert.DoesNotContain("snowplow_mobile_base_", limits[limits.IndexOf("where model in", StringComparison.Ordinal)..]);
    }
}
