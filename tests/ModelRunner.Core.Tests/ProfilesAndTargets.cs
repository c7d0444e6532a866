using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

public class ProfilesAndTargets
{
    [Fact]
    public void Env_var_fills_profile_values_and_a_missing_one_is_named()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        project.Write("profiles/profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('DB_PATH') }}\"\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("DB_PATH", error.Message);
        var workspace = project.Open(env: new Dictionary<string, string> { ["DB_PATH"] = "x.duckdb" });
        Assert.Equal("x.duckdb", workspace.Target.Settings["path"]);
    }

    [Fact]
    public void An_unknown_target_lists_the_known_ones()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        var options = project.Options() with { Target = "prod" };
        var error = Assert.Throws<ProjectException>(() => Running.Workspace.Open(options, TempProject.Engines()));
        Assert.Contains("target 'prod' not found", error.Message);
        Assert.Contains("dev", error.Message);
    }

    [Fact]
    public void An_unknown_engine_type_lists_the_registered_ones()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        project.Write("profiles/profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdbb\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("known types: duckdb", error.Message);
        Assert.Contains("profiles.yml", error.Message);
    }

    [Fact]
    public void An_unknown_profile_is_named()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        project.Write("models.yml", "name: p\nprofile: nope\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("profile 'nope' not found", error.Message);
    }
}
