using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Running;

/// <summary>run builds models, seed loads seeds, test runs tests, build does all three in DAG order.</summary>
public enum RunMode { Models, Seeds, Tests, Build }

/// <summary>Which tests `test` and `build` run.</summary>
public enum TestKinds { All, Data, Unit }

public sealed record RunRequest(
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Exclude,
    bool FullRefresh,
    int? Threads,
    bool FailFast,
    RunMode Mode,
    IReadOnlyList<string> Arguments)
{
    public bool StoreFailures { get; init; }
    public bool Audit { get; init; }
    /// <summary>--empty: refs and sources in models read no rows (a schema check of every query that costs nothing).</summary>
    public bool Empty { get; init; }
    /// <summary>--defer: refs to unselected models missing here read the --state manifest's relations.</summary>
    public bool Defer { get; init; }
    public TestKinds Tests { get; init; } = TestKinds.All;
    /// <summary>--event-time-start / --event-time-end: a keyhole backfill of this window (see <see cref="EventTimeWindow"/>).</summary>
    public EventTimeWindow? Window { get; init; }
    /// <summary>Packages with an input-signal whose run would change nothing are left as they are (see <see cref="PackageReuse"/>); --no-reuse turns it off.</summary>
    public bool Reuse { get; init; } = true;
    /// <summary>Set when the run is interrupted (Ctrl-C, SIGTERM): nothing more starts, running statements are stopped.</summary>
    public CancellationToken Cancel { get; init; }
}

/// <summary>
/// One run: select, compile everything (no statement runs if any template fails), create schemas,
/// on-run-start hooks, the plan's steps in dependency order on N workers, on-run-end hooks, artifacts.
/// Unit tests run on <paramref name="offline"/> (in-memory DuckDB), whatever the target.
/// </summary>
public sealed class RunService(MaterializationRegistry materializations, IEngineFactory? offline = null)
{
    /// <summary>
    /// A keyhole run builds only the selected models that take part (<see cref="EventTimeWindow.LeftOutBecause"/>); the rest
    /// are named, with the reason, and left as they are. What is outside the window is kept, so a full refresh is refused.
    /// </summary>
    private static ImmutableArray<ProjectNode> KeyholeNodes(RunRequest request, EventTimeWindow window, ImmutableArray<ProjectNode> selected, IRunReporter reporter)
    {
        if (request.FullRefresh) throw new ProjectException("a keyhole backfill (--event-time-start/--event-time-end) keeps everything outside its window: it cannot be a --full-refresh");
        if (request.Empty) throw new ProjectException("--empty reads no rows, so a keyhole backfill with it would do nothing: use one or the other");
        if (request.Mode is not (RunMode.Models or RunMode.Build)) throw new ProjectException("--event-time-start/--event-time-end are options of run and build");
        var (taking, leftOut) = EventTimeWindow.Split(selected);
        foreach (var group in leftOut.Where(l => l.Node.Kind == NodeKind.Model).GroupBy(l => l.Reason))
            reporter.Info($"Left out of the keyhole run ({group.Key}): {string.Join(", ", group.Select(l => l.Node.Name))}");
        reporter.Info($"Keyhole backfill of [{window.StartText}, {window.EndText}): {taking.Length} model(s); the incremental manifests are left as they are");
        return taking;
    }

    public RunResults Run(Workspace workspace, RunRequest request, IRunReporter reporter)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = workspace.Options.RunStartedAt;
        var selectedNodes = workspace.Select(request.Select, request.Exclude);
        if (request.Window is { } window) selectedNodes = KeyholeNodes(request, window, selectedNodes, reporter);
        var nodes = request.Mode switch
        {
            RunMode.Models => selectedNodes.Where(n => n.Kind == NodeKind.Model).ToList(),
            RunMode.Seeds => selectedNodes.Where(n => n.Kind == NodeKind.Seed).ToList(),
            RunMode.Build => selectedNodes.ToList(),
            _ => [],
        };
        var (dataTests, unitTests) = request.Mode is RunMode.Tests or RunMode.Build
            ? TestSelector.Select(workspace.Project, selectedNodes, request.Select, request.Exclude)
            : (ImmutableArray<DataTestNode>.Empty, ImmutableArray<UnitTestSpec>.Empty);
        if (request.Tests == TestKinds.Unit) dataTests = ImmutableArray<DataTestNode>.Empty;
        if (request.Tests == TestKinds.Data) unitTests = ImmutableArray<UnitTestSpec>.Empty;
        if (nodes.Count + dataTests.Length + unitTests.Length == 0)
        {
            reporter.Warning("nothing to do: the selection matched no " + request.Mode switch
            {
                RunMode.Seeds => "seeds", RunMode.Tests => "tests", RunMode.Build => "models, seeds or tests", _ => "models",
            });
            return new RunResults(ImmutableArray<NodeResult>.Empty, clock.Elapsed, startedAt);
        }
        if (unitTests.Length > 0 && offline is null)
            throw new ProjectException("unit tests need an offline engine (DuckDB), which this build does not register");
        nodes = RunScopedReads.WithTheirRunScopedTables(workspace, nodes, reporter);
        (dataTests, var outOfRun) = RunScopedReads.SplitTests(workspace, dataTests, nodes, workspace.Artifacts);
        if (outOfRun.Length > 0)
            reporter.Info($"Skipping {outOfRun.Length} data test(s) of run-scoped tables, which exist only during the run that builds them "
                + $"(`build` runs these tests): {string.Join(", ", outOfRun.Select(r => r.Name))}");

        // Unit tests alone need no connection to the target: they run offline, also where the warehouse is out of reach.
        if (nodes.Count == 0 && dataTests.Length == 0)
        {
            var offlineRunner = new UnitTestRunner(workspace.Project, offline!, workspace.Templates.Options);
            var unitSteps = unitTests.Select(u => (PlanStep)new UnitTestStep(u)).ToImmutableArray();
            var threadCount = request.Threads ?? workspace.Target.Threads;
            if (unitSteps.Length > 0) reporter.Info($"Running {Describe(unitSteps)} offline with {threadCount} thread(s)");
            var unitResults = Execute(unitSteps, unitSteps.Length, threadCount, request.FailFast, reporter, workspace.Artifacts,
                (step, worker) => offlineRunner.Execute(((UnitTestStep)step).Test, worker)).AddRange(outOfRun);
            return Finish(workspace, request, reporter, unitResults, clock, startedAt);
        }

        workspace.CheckTemplatesOutside(nodes);
        using var runLock = RunLock.Acquire(workspace.Artifacts.TargetDirectory, workspace.Target.Name);
        using var engine = workspace.Connect();
        using var control = engine.OpenSession();
        var relations = RelationCatalog.FromSession(control);
        // What exists where the run builds, read at once (one listing per database) rather than schema by schema as the
        // compile and the builds first ask.
        var schemas = nodes.Where(n => !n.IsEphemeral).Select(n => workspace.Namer.RelationOf(n)).Select(r => (r.Database, r.Schema)).Distinct().ToList();
        relations.Read(schemas);
        var compiler = workspace.CreateCompiler(relations, request.FullRefresh, request.Empty,
            request.Defer ? workspace.DeferTo(nodes, relations) : null, request.Window);
        var compiled = compiler.CompileAll(nodes);
        var testCompiler = new TestCompiler(workspace.Templates, compiler, engine.Dialect);
        var compiledTests = CompileTests(testCompiler, dataTests);
        var onRunStart = workspace.Project.RunStartHooks.Select(h => (Hook: h, Sql: compiler.RenderProjectHook(h))).ToList();
        // on-run-end hooks render after the steps (they read results), but one that does not parse is refused now, before
        // any statement runs, as every other template is.
        foreach (var hook in workspace.Project.RunEndHooks) ParsedTemplate.Parse(hook.Template, $"{hook.File} ({hook.Label})");
        workspace.WriteCompileArtifacts(compiled);
        workspace.Artifacts.WriteCompiledTests(compiledTests);

        // Only the schemas the listing did not find (on a warehouse each CREATE SCHEMA IF NOT EXISTS is a round trip).
        foreach (var group in compiled.Where(c => !c.Node.IsEphemeral).GroupBy(c => (c.Relation.Database, c.Relation.Schema))
                     .Where(g => !relations.SchemaExists(g.Key.Database, g.Key.Schema)))
        {
            try { control.Execute(engine.Dialect.CreateSchema(group.Key.Database, group.Key.Schema)); }
            catch (EngineException e)
            {
                // Before any model runs (nothing is built yet): said as the config of the model that asks for the schema.
                var node = group.First().Node;
                throw new ProjectException($"cannot create the schema {group.Key.Schema}{(group.Key.Database is { } db ? $" in database {db}" : "")} "
                    + $"for '{node.Name}'{(group.Count() > 1 ? $" and {group.Count() - 1} other model(s)" : "")}: {e.Message}", node.RelativePath, 0, 0, node.Name);
            }
        }
        // Packages whose run would change nothing are left as they are: their models, hooks and tests-gating wait on nothing.
        var reuse = PackageReuse.Decide(workspace, request, nodes, relations, control, compiler, reporter);
        var reusedResults = reuse.Results(compiled).ToImmutableArray();
        var building = reusedResults.IsEmpty ? compiled : compiled.Where(c => !reuse.IsReused(c.Node)).ToImmutableArray();

        var audit = request.Audit
            ? (node, tests) => RunPlanner.IsAuditable(node) ? AuditPlanFor(node, tests, testCompiler, compiler) : null
            : (Func<CompiledNode, IReadOnlyList<CompiledTest>, AuditPlan?>?)null;
        var steps = RunPlanner.Plan(workspace.Dag, building, compiledTests, unitTests, request.Mode == RunMode.Build, audit);

        for (var i = 0; i < onRunStart.Count; i++)
        {
            var (hook, sql) = onRunStart[i];
            if (reuse.IsReused(hook) || HookStatements.IsEmpty(sql)) continue;
            var hookClock = Stopwatch.StartNew();
            var hookStarted = DateTimeOffset.UtcNow;
            try { control.Execute(sql); }
            catch (EngineException e)
            {
                // Nothing builds after a failed on-run-start (as in dbt); the run's results say which hook and why, and
                // replace the last run's.
                var failed = HookResult(workspace, "on-run-start", i, hook.Label, $"{hook.File} {hook.Label} failed: {e.Message}", hookClock, hookStarted, sql);
                reporter.NodeFinished(1, 1, failed);
                return Finish(workspace, request, reporter, [failed], clock, startedAt);
            }
        }
        // The hooks may have created or dropped anything; is_incremental was decided before them, as in dbt.
        // The schemas are read again now, once each, rather than by whichever model asks first: unless every hook only
        // changed rows or read, or rendered to nothing and was not sent (each Snowplow package's manifest hook, on most
        // runs; on a warehouse each schema read again is a round trip).
        if (onRunStart.Count > 0 && !onRunStart.All(h => HookStatements.ChangesOnlyRows(h.Sql)))
        {
            relations.ForgetAll();
            relations.Read(schemas);
        }

        var threads = engine.Capabilities.ConcurrentWrites ? request.Threads ?? workspace.Target.Threads : 1;
        if (steps.Length > 0) reporter.Info($"Running {Describe(steps)} on {workspace.Target.Name} ({workspace.Target.Type}) with {threads} thread(s)");
        using var executor = new NodeExecutor(engine, materializations, c => c.Node.Kind == NodeKind.Model ? workspace.Artifacts.CompiledPath(c.Node) : null,
            relations);
        var testExecutor = new DataTestExecutor(engine.Dialect, workspace.Target, request.StoreFailures, workspace.Artifacts.CompiledPath);
        var unitRunner = offline is null ? null : new UnitTestRunner(workspace.Project, offline, workspace.Templates.Options);
        // Tests an audited model runs itself are counted and reported like any step.
        var total = steps.Length + steps.OfType<ModelStep>().Sum(s => s.Audit?.Tests.Length ?? 0);
        var finishedCount = 0;
        var auditResults = new ConcurrentBag<NodeResult>();
        var auditor = new AuditRunner(executor, testExecutor, engine.Dialect, (_, result) =>
            reporter.NodeFinished(Interlocked.Increment(ref finishedCount), total, result));

        using var stopStatements = request.Cancel.Register(executor.CancelAll);
        var results = Execute(steps, total, threads, request.FailFast, reporter, workspace.Artifacts, (step, worker) => step switch
        {
            ModelStep { Audit: not null } m => auditor.Execute(m, worker, auditResults),
            ModelStep m => executor.Execute(m.Node, worker),
            DataTestStep t => testExecutor.Execute(t.Test, executor.SessionFor(worker), worker),
            UnitTestStep u => unitRunner!.Execute(u.Test, worker),
            _ => throw new InvalidOperationException(step.GetType().Name),
        }, () => Interlocked.Increment(ref finishedCount), request.Cancel).AddRange(auditResults).AddRange(reusedResults).AddRange(outOfRun);

        // An interrupted run ends here: its on-run-end hooks (the manifest update) do not run, as in dbt.
        if (request.Cancel.IsCancellationRequested) return Finish(workspace, request, reporter, results, clock, startedAt);
        // Before the on-run-end hooks, which move the manifests: the health of a run is read against where it started.
        var health = request.Empty ? [] : RunHealthCheck.Check(workspace, compiler, control, results, request.Window, reporter);
        results = results.AddRange(RunEndHooks(workspace, compiler, control, results, reuse));
        reuse.Record(results, control, compiler, reporter);
        return Finish(workspace, request, reporter, results, clock, startedAt, health);
    }

    /// <summary>
    /// on-run-end hooks render once the steps are done, so they can read <c>results</c>; a hook that fails to render or
    /// run is reported as a failed operation of the run (the models' results stand).
    /// </summary>
    private static IEnumerable<NodeResult> RunEndHooks(Workspace workspace, ModelCompiler compiler, IEngineSession session,
        ImmutableArray<NodeResult> results, PackageReuse reuse)
    {
        var hooks = workspace.Project.RunEndHooks;
        for (var i = 0; i < hooks.Count; i++)
        {
            if (reuse.IsReused(hooks[i])) continue;
            var name = hooks[i].Label;
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            string? error = null;
            var sql = "";
            try
            {
                sql = compiler.RenderProjectHook(hooks[i], results);
                if (!HookStatements.IsEmpty(sql)) session.Execute(sql);
            }
            catch (ProjectException e) { error = string.Join("\n", e.Diagnostics); }
            catch (EngineException e) { error = $"{hooks[i].File} {name} failed: {e.Message}"; }
            yield return HookResult(workspace, "on-run-end", i, name, error, clock, started, sql);
        }
    }

    /// <summary>A run hook's entry in the run's results: an operation, failed when <paramref name="error"/> says why.</summary>
    private static NodeResult HookResult(Workspace workspace, string kind, int index, string label, string? error, Stopwatch clock,
        DateTimeOffset started, string sql) =>
        new($"operation.{workspace.Project.Settings.Name}.{kind}.{index}", label, "operation", label,
            error is null ? NodeStatus.Success : NodeStatus.Error, null, error ?? "OK", clock.Elapsed, clock.Elapsed, started, 0, null,
            sql.Length == 0 ? ImmutableArray<string>.Empty : [sql]);

    /// <summary>Runs the steps on the scheduler, reporting each as it starts and ends.</summary>
    private static ImmutableArray<NodeResult> Execute(ImmutableArray<PlanStep> steps, int total, int threads, bool failFast,
        IRunReporter reporter, ArtifactWriter artifacts, Func<PlanStep, int, NodeResult> execute, Func<int>? nextIndex = null,
        CancellationToken cancel = default)
    {
        // As in dbt, a node's finish line carries the number of its start line; a step that never starts (skipped)
        // and the tests an audit runs take the next number.
        var counter = 0;
        nextIndex ??= () => Interlocked.Increment(ref counter);
        return new Scheduler(threads, failFast, cancel).RunAsync(steps,
            (step, worker) =>
            {
                var index = nextIndex();
                reporter.NodeStarted(index, total, step.Item);
                var result = execute(step, worker);
                // A statement stopped because the run was cancelled is not the model's failure.
                if (cancel.IsCancellationRequested && result.Status == NodeStatus.Error)
                    result = result with { Status = NodeStatus.Cancelled, Message = "cancelled: the run was interrupted while it ran (" + result.Message + ")" };
                reporter.NodeFinished(index, total, result);
                return result;
            },
            (step, reason) =>
            {
                var result = Skipped(step, reason, artifacts);
                if (reason.StartsWith("cancelled", StringComparison.Ordinal)) result = result with { Status = NodeStatus.Cancelled };
                reporter.NodeFinished(nextIndex(), total, result);
                return result;
            }).GetAwaiter().GetResult();
    }

    private static RunResults Finish(Workspace workspace, RunRequest request, IRunReporter reporter, ImmutableArray<NodeResult> results,
        Stopwatch clock, DateTimeOffset startedAt, ImmutableArray<PackageHealth> health = default)
    {
        var runResults = new RunResults(results, clock.Elapsed, startedAt) { Health = health.IsDefault ? [] : health };
        workspace.Artifacts.WriteRunStatements(results, workspace.Dag.ByName);
        workspace.Artifacts.WriteRunResults(runResults, workspace.Target, request.Arguments);
        reporter.RunFinished(runResults);
        return runResults;
    }

    private static ImmutableArray<CompiledTest> CompileTests(TestCompiler compiler, IReadOnlyList<DataTestNode> tests)
    {
        var results = new CompiledTest?[tests.Count];
        var errors = new ConcurrentBag<Diagnostic>();
        Parallel.For(0, tests.Count, i =>
        {
            try { results[i] = compiler.Compile(tests[i]); }
            catch (ProjectException e) { foreach (var d in e.Diagnostics) errors.Add(d); }
        });
        if (!errors.IsEmpty) throw new ProjectException(errors.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ToList());
        return results.Select(r => r!).ToImmutableArray();
    }

    private static AuditPlan AuditPlanFor(CompiledNode node, IReadOnlyList<CompiledTest> tests, TestCompiler compiler, ModelCompiler models)
    {
        var staging = AuditRunner.StagingOf(node.Relation);
        var overrides = new Dictionary<string, Relation> { [node.Node.Name] = staging };
        var (pre, post) = node.PreHooks.IsDefaultOrEmpty && node.PostHooks.IsDefaultOrEmpty ? ([], []) : models.RenderHooksInto(node, staging);
        return new AuditPlan(staging, tests.Select(t => compiler.Compile(t.Test, overrides)).ToImmutableArray(), pre, post);
    }

    private static string Describe(IReadOnlyList<PlanStep> steps)
    {
        var parts = new List<string>();
        void Add(int count, string what) { if (count > 0) parts.Add($"{count} {what}{(count == 1 ? "" : "s")}"); }
        Add(steps.OfType<ModelStep>().Count(s => s.Node.Node.Kind == NodeKind.Model), "model");
        Add(steps.OfType<ModelStep>().Count(s => s.Node.Node.Kind == NodeKind.Seed), "seed");
        Add(steps.OfType<DataTestStep>().Count() + steps.OfType<ModelStep>().Sum(s => s.Audit?.Tests.Length ?? 0), "data test");
        Add(steps.OfType<UnitTestStep>().Count(), "unit test");
        return string.Join(", ", parts);
    }

    private static NodeResult Skipped(PlanStep step, string reason, ArtifactWriter artifacts)
    {
        var item = step.Item;
        var (kind, path) = step switch
        {
            ModelStep m => (m.Node.Node.Config.Materialized, m.Node.Node.Kind == NodeKind.Model ? artifacts.CompiledPath(m.Node.Node) : null),
            DataTestStep t => ("test", artifacts.CompiledPath(t.Test.Test)),
            _ => ("unit_test", (string?)null),
        };
        return new NodeResult(item.UniqueId, item.Name, kind, item.Target, NodeStatus.Skipped, null, reason, TimeSpan.Zero, TimeSpan.Zero,
            DateTimeOffset.UtcNow, 0, path, ImmutableArray<string>.Empty);
    }
}
