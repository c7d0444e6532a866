using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

internal static class RunHelper
{
    public static RunResults Run(this TempProject project, bool fullRefresh = false, string[]? select = null, bool failFast = false,
        string? vars = null, RunMode mode = RunMode.Models, int threads = 2)
    {
        var workspace = project.Open(vars);
        var request = new RunRequest(select ?? Array.Empty<string>(), Array.Empty<string>(), fullRefresh, threads, failFast, mode, Array.Empty<string>());
        return new RunService(MaterializationRegistry.Default()).Run(workspace, request, new CollectingReporter());
    }

    public static NodeStatus StatusOf(this RunResults results, string name) => results.Nodes.Single(n => n.Name == name).Status;
}
