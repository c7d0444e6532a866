using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

internal static class CliRunner
{
    /// <summary>Runs the command line in-process on a project, as `modelrunner ARGS --project-dir ROOT`.</summary>
    public static CliResult Cli(this TempProject project, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args.Concat(new[] { "--project-dir", project.Root }).ToArray(), output, error,
            new Dictionary<string, string>());
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
