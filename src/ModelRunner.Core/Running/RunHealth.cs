using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>What a run of a package processed, and the warnings it calls for (each saying what to do).</summary>
public sealed record PackageHealth(
    string Package,
    DateTime? LowerLimit,
    DateTime? UpperLimit,
    long Events,
    long NewEvents,
    DateTime? NewestEvent,
    string? NewModels,
    string? OutOfSync,
    long WindowEvents,
    long LateEvents,
    long QuarantinedEvents,
    int RunsWithoutEvents,
    bool Keyhole,
    ImmutableArray<string> Warnings)
{
    /// <summary>As run_results.json's run_health entries and the JSON log's run_health events write it.</summary>
    public Dictionary<string, object?> Fields() => new()
    {
        ["package"] = Package, ["lower_limit"] = RunHealthCheck.Format(LowerLimit), ["upper_limit"] = RunHealthCheck.Format(UpperLimit),
        ["events"] = Events, ["new_events"] = NewEvents, ["newest_event"] = NewestEvent is null ? null : RunHealthCheck.Format(NewestEvent), ["keyhole"] = Keyhole,
        ["new_models"] = NewModels?.Split(", ") ?? [], ["out_of_sync"] = OutOfSync?.Split(", ") ?? [],
        ["window_events"] = WindowEvents, ["late_events"] = LateEvents, ["quarantined_events"] = QuarantinedEvents,
        ["runs_without_events"] = RunsWithoutEvents, ["warnings"] = Warnings.ToArray(),
    };
}

/// <summary>
/// Run health: after the nodes of a run and before its on-run-end hooks (so the manifest still says where the run
/// started), each package that declares a <c>run-health:</c> query, whose run built what the query reads and whose models
/// all succeeded, is asked what it processed. The answers of scheduled runs are kept in <c>modelrunner_run_health</c> (in the target's schema),
/// which counts the runs in a row that found no events.
/// </summary>
public static class RunHealthCheck
{
    public const string HistoryTable = "modelrunner_run_health";

    public static ImmutableArray<PackageHealth> Check(Workspace workspace, ModelCompiler compiler, IEngineSession session,
        IReadOnlyList<NodeResult> results, EventTimeWindow? window, IRunReporter reporter)
    {
        var health = ImmutableArray.CreateBuilder<PackageHealth>();
        foreach (var package in workspace.Project.Packages.IsDefault ? [] : workspace.Project.Packages)
        {
            if (!package.Enabled || package.RunHealth is null) continue;
            var ran = results.Where(r => workspace.Dag.ByName.TryGetValue(r.Name, out var node) && node.UniqueId == r.UniqueId && node.Package == package.Name).ToList();
            // Only a run that built what the query reads (the run's limits and events) processed a window: a run of a few
            // of the package's models (a rebuild after an erasure, a fix) has no health of its own.
            var reads = Templating.ParsedTemplate.Parse(package.RunHealth, $"{package.File} (run-health)").Scan.Refs.Select(r => r.Name).Distinct();
            if (!reads.All(name => ran.Any(r => r.Name == name))) continue;
            if (ran.Any(r => r.Status is not (NodeStatus.Success or NodeStatus.Reused)))
            {
                reporter.Info($"Run health of {package.Name} not checked: not all of its models succeeded in this run");
                continue;
            }
            try { health.Add(CheckOne(workspace, compiler, session, package, window)); }
            catch (Exception e) when (e is EngineException or ProjectException)
            {
                reporter.Warning($"Run health of {package.Name} could not be read ({package.File} run-health): {e.Message}");
            }
        }
        return health.ToImmutable();
    }

    private static PackageHealth CheckOne(Workspace workspace, ModelCompiler compiler, IEngineSession session, PackageDefinition package, EventTimeWindow? window)
    {
        var sql = compiler.RenderProjectHook(new RunHook(package.RunHealth!, "run-health", package.File, package.Name));
        var result = session.Query(sql);
        var row = result.Rows.FirstOrDefault() ?? throw new EngineException("the run-health query returned no row");
        var columns = result.Columns;
        object? Get(string name)
        {
            var i = columns.ToList().FindIndex(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new EngineException($"the run-health query has no column '{name}'");
            return row[i] is DBNull ? null : row[i];
        }
        DateTime? Time(string name) => Get(name) is { } v ? Convert.ToDateTime(v, CultureInfo.InvariantCulture) : null;
        long Number(string name) => Get(name) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
        string? Text(string name) => Get(name) is { } v && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;

        var (lower, upper, fresh) = (Time("lower_limit"), Time("upper_limit"), Number("new_events"));
        var zeroRunsWarn = (int)Number("zero_runs_warn");
        var runsWithoutEvents = window is null ? History(workspace, session, package.Name, lower, upper, fresh, zeroRunsWarn) : fresh == 0 ? 1 : 0;
        var health = new PackageHealth(package.Name, lower, upper, Number("events"), fresh, Time("newest_event"), Text("new_models"), Text("out_of_sync"),
            Number("window_events"), Number("late_events"), Number("quarantined_events"), runsWithoutEvents, window is not null, []);
        var droppedShareWarn = Get("dropped_share_warn") is { } share ? Convert.ToDouble(share, CultureInfo.InvariantCulture) : 1.0;
        return health with { Warnings = Warnings(health, zeroRunsWarn, droppedShareWarn) };
    }

    /// <summary>Records this run's answer and returns how many runs in a row, this one included, found no new events.</summary>
    private static int History(Workspace workspace, IEngineSession session, string package, DateTime? lower, DateTime? upper, long newEvents, int window)
    {
        var dialect = workspace.EngineFactory.Dialect;
        var table = dialect.Render(new Relation(workspace.Target.Database, workspace.Target.Schema, HistoryTable));
        session.Execute(dialect.CreateSchema(workspace.Target.Database, workspace.Target.Schema));
        session.Execute($"create table if not exists {table} (package string, run_started_at timestamp, lower_limit timestamp, upper_limit timestamp, new_events bigint)");
        string Stamp(DateTime? t) => t is { } v ? dialect.TimestampLiteral(v.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)) : "cast(null as timestamp)";
        session.Execute($"insert into {table} values ({dialect.QuoteString(package)}, {Stamp(workspace.Options.RunStartedAt.UtcDateTime)}, "
            + $"{Stamp(lower)}, {Stamp(upper)}, {newEvents})");
        var recent = session.Query($"select new_events from {table} where package = {dialect.QuoteString(package)} order by run_started_at desc limit {Math.Max(1, window)}").Rows;
        return recent.TakeWhile(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture) == 0).Count();
    }

    private static ImmutableArray<string> Warnings(PackageHealth h, int zeroRunsWarn, double droppedShareWarn)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        var window = $"[{Format(h.LowerLimit)}, {Format(h.UpperLimit)}]";
        if (!h.Keyhole && h.NewEvents == 0 && h.NewestEvent is { } newest && h.UpperLimit is { } upper && newest > upper && h.LowerLimit is { } lower)
        {
            var days = (int)Math.Ceiling((newest - lower).TotalDays) + 1;
            warnings.Add($"{h.Package} processed no new events: its window {window} holds none, but atomic.events has events up to {Format(newest)}. "
                + "A gap in the data longer than snowplow__backfill_limit_days stops the package for good (the manifest only moves with events). "
                + $"Run it once with --vars '{{snowplow__backfill_limit_days: {days}}}' so the window reaches past the gap.");
        }
        else if (!h.Keyhole && zeroRunsWarn > 0 && h.RunsWithoutEvents >= zeroRunsWarn)
            warnings.Add($"{h.Package} has found no new events in {h.RunsWithoutEvents} runs in a row (window {window}). Is the loader writing to "
                + "atomic.events? 'modelrunner source freshness' says how old its newest load is.");
        var dropped = h.LateEvents + h.QuarantinedEvents;
        if (h.WindowEvents > 0 && dropped > droppedShareWarn * h.WindowEvents)
            warnings.Add($"{h.Package} dropped {dropped} of the window's {h.WindowEvents} events ({100.0 * dropped / h.WindowEvents:0.0} %): "
                + $"{h.LateEvents} sent more than snowplow__days_late_allowed days after they were created, {h.QuarantinedEvents} of sessions "
                + "quarantined for lasting longer than snowplow__max_session_days. If they matter, raise those vars, then reprocess the window "
                + "with a keyhole run (--event-time-start/--event-time-end); else raise snowplow__health_dropped_share_warn.");
        return warnings.ToImmutable();
    }

    public static string Format(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "none";
}
