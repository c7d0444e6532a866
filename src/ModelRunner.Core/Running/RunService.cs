using System.Collections.Immutable;
using System.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

public enum RunMode { Models, Seeds }

public sealed record RunRequest(
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Exclude,
    bool FullRefresh,
    int? Threads,
    bool FailFast,
    RunMode Mode,
    IReadOnlyList<string> Arguments);

/// <summary>
/// One run: select, compile everything (no statement runs if any template fails), create schemas,
/// on-run-start hooks, nodes in DAG order on N workers, on-run-end hooks, artifacts.
/// </summary>
public sealed class RunService(MaterializationRegistry materializations)
{
    public RunResults Run(Workspace workspace, RunRequest request, IRunReporter reporter)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = workspace.Options.RunStartedAt;
        var wanted = request.Mode == RunMode.Seeds ? NodeKind.Seed : NodeKind.Model;
        var selected = workspace.Select(request.Select, request.Exclude).Where(n => n.Kind == wanted).ToList();
        if (selected.Count == 0)
        {
            reporter.Warning("nothing to do: the selection matched no " + (wanted == NodeKind.Seed ? "seeds" : "models"));
            return new RunResults(ImmutableArray<NodeResult>.Empty, clock.Elapsed, startedAt);
        }

        using var engine = workspace.Connect();
        using var control = engine.OpenSession();
        var compiler = workspace.CreateCompiler(RelationCatalog.FromSession(control), request.FullRefresh);
        var compiled = compiler.CompileAll(selected);
        var onRunStart = workspace.Project.Settings.OnRunStart.Select((h, i) => compiler.RenderProjectHook(h, $"on-run-start[{i}]")).ToList();
        var onRunEnd = workspace.Project.Settings.OnRunEnd.Select((h, i) => compiler.RenderProjectHook(h, $"on-run-end[{i}]")).ToList();
        workspace.WriteCompileArtifacts(compiled);

        var built = compiled.Where(c => !c.Node.IsEphemeral).ToList();
        foreach (var (database, schema) in built.Select(c => (c.Relation.Database, c.Relation.Schema)).Distinct())
            control.Execute(engine.Dialect.CreateSchema(database, schema));
        foreach (var hook in onRunStart) control.Execute(hook);

        var threads = engine.Capabilities.ConcurrentWrites ? request.Threads ?? workspace.Target.Threads : 1;
        reporter.Info($"Running {compiled.Length} {(wanted == NodeKind.Seed ? "seed" : "model")}(s) on {workspace.Target.Name} ({workspace.Target.Type}) with {threads} thread(s)");
        using var executor = new NodeExecutor(engine, materializations, c => c.Node.Kind == NodeKind.Model ? workspace.Artifacts.CompiledPath(c.Node) : null);
        var total = compiled.Length;
        var counter = 0;
        var scheduler = new Scheduler(workspace.Dag, threads, request.FailFast);
        var results = scheduler.RunAsync(compiled,
            (node, worker) =>
            {
                var index = Interlocked.Increment(ref counter);
                reporter.NodeStarted(index, total, node);
                var result = executor.Execute(node, worker);
                reporter.NodeFinished(index, total, result);
                return result;
            },
            (node, reason) =>
            {
                var result = executor.Skip(node, reason);
                reporter.NodeFinished(Interlocked.Increment(ref counter), total, result);
                return result;
            }).GetAwaiter().GetResult();

        foreach (var hook in onRunEnd) control.Execute(hook);
        var runResults = new RunResults(results, clock.Elapsed, startedAt);
        workspace.Artifacts.WriteRunStatements(results, workspace.Dag.ByName);
        workspace.Artifacts.WriteRunResults(runResults, workspace.Target, request.Arguments);
        reporter.RunFinished(runResults);
        return runResults;
    }
}
