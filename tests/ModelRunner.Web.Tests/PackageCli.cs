using ModelRunner.Cli;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>The command line on a copy of the repository's project, with the package vars a test runs under; it must succeed.</summary>
internal static class PackageCli
{
    /// <summary>The sample events' first day, and one run that takes them all.</summary>
    public const string AllAtOnce = "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 30}";

    public static string Run(TempProject project, string vars, params string[] args)
    {
        var output = new StringWriter();
        var code = CliApp.Run([.. args, "--vars", vars, "--project-dir", project.Root], output, output, new Dictionary<string, string>());
        Assert.True(code == 0, $"modelrunner {string.Join(' ', args)} failed:\n{output}");
        return output.ToString();
    }
}
