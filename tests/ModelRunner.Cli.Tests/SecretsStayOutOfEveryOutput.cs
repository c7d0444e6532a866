using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>MODELRUNNER_SECRET_* variables (dbt's DBT_ENV_SECRET_): read in hooks and profiles only, masked in every output and artifact.</summary>
public class SecretsStayOutOfEveryOutput
{
    private const string Secret = "hunter2-very-secret";

    private static (int Code, string All) Run(TempProject project, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args.Concat(["--project-dir", project.Root]).ToArray(), output, error,
            new Dictionary<string, string> { ["MODELRUNNER_SECRET_PW"] = Secret });
        return (code, output + error.ToString());
    }

    [Fact]
    public void A_model_may_not_read_a_secret()
    {
        using var project = new TempProject().Write("models/a.sql", "select '{{ env_var \"MODELRUNNER_SECRET_PW\" }}' as pw");
        var (code, all) = Run(project, "compile", "--offline");
        Assert.Equal(2, code);
        Assert.Contains("'MODELRUNNER_SECRET_PW' is a secret", all);
        Assert.Contains("models/a.sql:1:", all);
    }

    [Fact]
    public void A_hook_reads_it_and_no_output_or_artifact_shows_it()
    {
        using var project = new TempProject(extraProjectYaml:
                "on-run-start: [\"create or replace table main.creds as select '{{ env_var 'MODELRUNNER_SECRET_PW' }}' as pw\"]\n"
                + "on-run-end: [\"select * from main.no_such_table where pw = '{{ env_var 'MODELRUNNER_SECRET_PW' }}'\"]\n")
            .Write("models/a.sql", "select 1 as id");
        var (code, all) = Run(project, "run", "--vars", $"{{note: {Secret}}}");
        Assert.Equal(1, code); // the on-run-end hook fails
        Assert.Equal([Secret], project.Query("select pw from main.creds")); // the hook had the real value
        Assert.DoesNotContain(Secret, all);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(project.Root, "target"), "*", SearchOption.AllDirectories))
            if (!file.EndsWith(".lock", StringComparison.Ordinal) && !file.EndsWith(".bin", StringComparison.Ordinal))
                Assert.DoesNotContain(Secret, File.ReadAllText(file));
        Assert.Contains(SecretScrubberMask, project.Read("target/run_results.json"));
    }

    private const string SecretScrubberMask = "*****";
}
