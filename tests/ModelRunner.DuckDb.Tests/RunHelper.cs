using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

internal static class RunHelper
{
    public static RunResults Run(this TempProject project, bool fullRefresh = false, string[]? select = null, bool failFast = false,
        string? vars = null, RunMode mode = RunMode.Models, int threads = 2, bool storeFailures = false, bool audit = false,
        TestKinds tests = TestKinds.All, string[]? exclude = null, bool reuse = true, CollectingReporter? reporter = null)
    {
        var workspace = project.Open(vars);
        var request = new RunRequest(select ?? [], exclude ?? [], fullRefresh, threads, failFast, mode, [])
            { StoreFailures = storeFailures, Audit = audit, Tests = tests, Reuse = reuse };
        return new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory()).Run(workspace, request, reporter ?? new CollectingReporter());
    }

    /// <summary>A run whose calls into DuckDB are noted in <paramref name="calls"/> (statements, queries, schema listings).</summary>
    public static RunResults RunObserved(this TempProject project, out EngineCalls calls, string? vars = null, int threads = 2)
    {
        calls = new EngineCalls();
        var workspace = Workspace.Open(project.Options(vars), new Core.Engines.EngineRegistry([new ObservedEngineFactory(new DuckDbEngineFactory(), calls)]));
        return new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory())
            .Run(workspace, new RunRequest([], [], false, threads, false, RunMode.Models, []), new CollectingReporter());
    }

    public static RunResults Build(this TempProject project, bool audit = false, string[]? select = null, bool storeFailures = false) =>
        project.Run(mode: RunMode.Build, audit: audit, select: select, storeFailures: storeFailures);

    public static RunResults Test(this TempProject project, TestKinds tests = TestKinds.All, string[]? select = null, bool storeFailures = false) =>
        project.Run(mode: RunMode.Tests, tests: tests, select: select, storeFailures: storeFailures);

    public static NodeStatus StatusOf(this RunResults results, string name) => results.Nodes.Single(n => n.Name == name).Status;

    public static NodeResult Result(this RunResults results, string name) => results.Nodes.Single(n => n.Name == name);
}
