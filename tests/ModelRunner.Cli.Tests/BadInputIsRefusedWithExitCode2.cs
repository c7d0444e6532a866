using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

public class BadInputIsRefusedWithExitCode2
{
    private static void AssertRefused(TempProject project, params string[] expected)
    {
        var result = project.Cli("run");
        Assert.Equal(2, result.ExitCode);
        foreach (var text in expected) Assert.Contains(text, result.All);
        Assert.False(File.Exists(Path.Combine(project.Root, "target", "run_results.json")), "nothing may run");
    }

    [Fact]
    public void Yaml_syntax_error() => AssertRefused(
        new TempProject().Write("models/a.sql", "select 1").Write("models/a.yml", "models:\n  - name: a\n    description: \"unclosed\n"),
        "models/a.yml:");

    [Fact]
    public void Template_syntax_error() => AssertRefused(
        new TempProject().Write("models/ok.sql", "select 1").Write("models/a.sql", "select {{ 1 + }}"),
        "models/a.sql:1:");

    [Fact]
    public void Unknown_ref_with_suggestion() => AssertRefused(
        new TempProject().Write("models/orders.sql", "select 1").Write("models/a.sql", "select * from {{ ref 'ordrs' }}"),
        "models/a.sql:1:", "Did you mean 'orders'");

    [Fact]
    public void Unknown_source() => AssertRefused(
        new TempProject().Write("models/a.sql", "select * from {{ source 'atomic' 'events' }}"),
        "unknown source 'atomic'", "[a]");

    [Fact]
    public void Unknown_var_at_render_time() => AssertRefused(
        new TempProject().Write("models/a.sql", "select {{ var 'missing' }}"),
        "models/a.sql:1:", "variable 'missing'", "[a]");

    [Fact]
    public void Cycle() => AssertRefused(
        new TempProject().Write("models/a.sql", "select * from {{ ref 'b' }}").Write("models/b.sql", "select * from {{ ref 'a' }}"),
        "dependency cycle", "a -> b -> a");

    [Fact]
    public void Missing_env_var() => AssertRefused(
        new TempProject().Write("models/a.sql", "select '{{ env_var \"SECRET_THING\" }}'"),
        "SECRET_THING");

    [Fact]
    public void Unknown_target()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        var result = project.Cli("run", "--target", "prod");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("target 'prod' not found", result.Error);
    }

    [Fact]
    public void Unknown_profile()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        project.Write("models.yml", "name: x\nprofile: other\n");
        var result = project.Cli("run");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("profile 'other' not found", result.Error);
    }

    [Fact]
    public void Unknown_option_is_bad_usage()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1");
        Assert.Equal(2, project.Cli("run", "--no-such-option").ExitCode);
    }
}
