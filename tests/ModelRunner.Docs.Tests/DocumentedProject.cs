using ModelRunner.TestSupport;

namespace ModelRunner.Docs.Tests;

/// <summary>
/// The repository's project, built once on a few generated events (web package and example) and documented with
/// `docs generate`: what the docs tests look at.
/// </summary>
public sealed class DocumentedProject : IDisposable
{
    public TempProject Project { get; } = TempProject.CopyOfRepositoryProject();

    public DocumentedProject()
    {
        Succeed("events", "generate", "--events", "3000");
        Succeed("seed");
        // A build of the web package: its models get types in the catalog and its tests results in run_results.json.
        Succeed("build", "-s", "tag:snowplow_web");
        Succeed("docs", "generate");
    }

    public string Target => Path.Combine(Project.Root, "target");

    public (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var code = ModelRunner.Cli.CliApp.Run([.. args, "--project-dir", Project.Root], output, output, new Dictionary<string, string>());
        return (code, output.ToString());
    }

    private void Succeed(params string[] args)
    {
        var (code, output) = Run(args);
        Assert.True(code == 0, $"modelrunner {string.Join(' ', args)} failed:\n{output}");
    }

    public void Dispose() => Project.Dispose();
}
