using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`clean` deletes models.yml's clean-targets, as dbt's; a target that holds the project's own files, or lies outside it, refuses the whole clean.</summary>
public class CleanDeletesItsCleanTargetsAndNeverTheProjectsFiles
{
    [Fact]
    public void Every_clean_target_is_deleted()
    {
        using var project = new TempProject(extraProjectYaml: "clean-targets: [target, logs]\n")
            .Write("models/a.sql", "select 1 as id").Write("logs/run.log", "x");
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("clean");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Cleaned logs/", result.All);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "target")));
        Assert.False(Directory.Exists(Path.Combine(project.Root, "logs")));
        Assert.True(project.Exists("models/a.sql"));
    }

    [Theory]
    [InlineData("[target, models]", "not deleting 'models': it holds the project's models")]
    [InlineData("[target, .]", "not deleting '.': it is outside the project (or the project itself)")]
    [InlineData("[target, ../elsewhere]", "not deleting '../elsewhere': it is outside the project")]
    public void A_target_holding_the_projects_files_or_outside_it_refuses_the_whole_clean(string targets, string message)
    {
        using var project = new TempProject(extraProjectYaml: $"clean-targets: {targets}\n").Write("models/a.sql", "select 1 as id");
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("clean");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("models.yml: error: clean-targets: " + message, result.All);
        Assert.True(Directory.Exists(Path.Combine(project.Root, "target")), "nothing is deleted");
        Assert.True(project.Exists("models/a.sql"));
    }
}
