using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.Events;

namespace ModelRunner.Benchmarks;

/// <summary>
/// A Snowplow package (web or mobile) on generated events: a full refresh over 30 days, then a one-day incremental
/// run after those 30 days of history; wall time, events per second (the package's events of the run: mobile events
/// are a share of those generated), the runner's share of the wall time (the rest is DuckDB) and the process's peak
/// memory. Runs on one worker unless --threads says otherwise; DuckDB time is the time at least one call was in DuckDB.
/// --trace FILE writes every call into DuckDB with its time; --profile FOLDER has DuckDB write each statement's profile there.
/// </summary>
public static class PackageBenchmark
{
    /// <param name="duckDbSettings">DuckDB settings for the target (the profile's <c>settings:</c>), to try one: "name=value".</param>
    /// <param name="profileFolder">A folder for DuckDB's JSON profile of each statement, numbered as in the trace.</param>
    /// <param name="mobileShare">The share of generated sessions that are mobile; the generator's own share when null.</param>
    /// <param name="warmUp">
    /// First run the same sequence on a few events in a folder of its own, unmeasured: in this process .NET compiles the
    /// runner's code as it first runs (the native executable a deployment runs ships it compiled), which otherwise lands
    /// in the measured runs, 0.12–0.15 s of each at stop 39, more of a small incremental run than of a full refresh.
    /// </param>
    public static void Run(string package, string work, int events, int threads, string? tracePath, IReadOnlyList<string>? duckDbSettings = null,
        string? profileFolder = null, double? mobileShare = null, bool warmUp = true)
    {
        var project = Path.Combine(work, $"{package}-{events}");
        var database = Path.Combine(work, $"{package}-{events}.duckdb");
        var tag = "tag:snowplow_" + package;
        var eventsThisRun = $"select count(*) from main_scratch.snowplow_{package}_base_events_this_run";
        if (profileFolder is not null) Directory.CreateDirectory(profileFolder);
        // The trace file first: one that cannot be written ends the benchmark before any work.
        using var trace = tracePath is null ? null : new StreamWriter(tracePath) { AutoFlush = true };
        if (warmUp) WarmUp(package, work, threads, duckDbSettings, mobileShare);
        CreateProject(project, database, threads, duckDbSettings);

        var inDatabase = new DatabaseClock();
        var engines = new EngineRegistry([new TimedEngineFactory(new DuckDbEngineFactory(), inDatabase, trace, profileFolder)]);
        var options = Options(events, mobileShare);
        var vars = Vars(options);
        Workspace Open() => OpenWorkspace(project, engines, vars);

        var clock = Stopwatch.StartNew();
        var generated = new EventsGenerateService().Generate(Open(), options, onlyIfEmpty: false);
        Console.WriteLine($"{package}: {generated} events generated over {options.Days} days in {clock.Elapsed.TotalSeconds:0.0} s");
        Execute(Open, inDatabase, threads, RunMode.Seeds, fullRefresh: true, select: []);

        trace?.WriteLine("== full refresh");
        var full = Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: true, select: [tag]);
        var processed = Convert.ToInt64(Query(project, engines, vars, eventsThisRun));
        Report(package, "full refresh (30 days)", full, processed);
        // The media player module rides on web's runs: its part of them.
        if (package == "web") ReportShare(package, "full refresh (30 days)", full, "snowplow_media_player_");
        // Kept beside the incremental run's, to compare the two per model.
        File.Copy(Path.Combine(project, "target", "run_results.json"), Path.Combine(project, "target", "run_results.full_refresh.json"), overwrite: true);
        // The database as the full refresh left it, for the upserts' floor (closed, so checkpointed; a log left beside it
        // is copied too).
        var afterFullRefresh = database + ".full-refresh";
        File.Copy(database, afterFullRefresh, overwrite: true);
        if (File.Exists(database + ".wal")) File.Copy(database + ".wal", afterFullRefresh + ".wal", overwrite: true);
        // Written to disk before the incremental starts: otherwise the first fsync of the run (DuckDB's log, at its first
        // write) waits for the copy's gigabytes to reach the disk, as the file system commits them in order (10M web
        // events: the run's first write took 1.04 s instead of 8 ms), a cost of the benchmark, not of the run.
        foreach (var copy in new[] { afterFullRefresh, afterFullRefresh + ".wal" }.Where(File.Exists))
            using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite)) file.Flush(flushToDisk: true);
        trace?.WriteLine("== incremental");
        var incremental = Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: false, select: [tag]);
        var increment = Convert.ToInt64(Query(project, engines, vars, eventsThisRun));
        Report(package, "incremental (1 more day)", incremental, increment);
        Console.WriteLine($"{package}: incremental / full refresh = {incremental.Wall.TotalSeconds / full.Wall.TotalSeconds:0.000} (target <= 0.10); "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        // The share of the incremental run its events explain: those events at the full refresh's own rate. What it
        // takes beyond that is the run's fixed cost (opening, introspection, ~150 statements, the checkpoint) and the
        // upserts into tables that already hold the history.
        var proportional = full.Wall.TotalSeconds * increment / Math.Max(1, processed);
        Console.WriteLine($"{package}: incremental at the full refresh's rate: {proportional:0.00} s = {proportional / full.Wall.TotalSeconds:0.000} of the full refresh; "
            + $"beyond it: {incremental.Wall.TotalSeconds - proportional:0.00} s");
        // The floor of the ratio: computing the run's rows (its events at the full refresh's cost per event, less their
        // share of the full refresh's writing, which DuckDB's write floor bounds) plus replacing them in the tables that
        // hold the history (see UpsertFloor), measured on DuckDB statements alone: the writing counted once, in the replacing.
        FullRefreshWriteFloor.Figures written;
        try
        {
            // First, on the copy as the full refresh left it (and left so): what writing its tables costs DuckDB alone.
            written = FullRefreshWriteFloor.Measure(afterFullRefresh, FullRefreshWriteFloor.WrittenTables(Open(), full.Results));
            Console.WriteLine($"{package}: full refresh's write floor: the {written.Rows} rows of the {written.Tables} tables it left, written from memory "
                + $"into new tables and checkpointed by DuckDB alone: {written.Write.TotalSeconds:0.00} s = {written.Write.TotalSeconds / full.Wall.TotalSeconds:0.000} of the full refresh");
            Console.WriteLine($"{package}: full refresh's write floor, the longest: {FullRefreshWriteFloor.Largest(written, 3)}");
            var upserts = UpsertFloor.Measure(afterFullRefresh, database, UpsertFloor.UpsertedTables(Open(), incremental.Results));
            Console.WriteLine($"{package}: upserts' floor: the {upserts.Rows} rows the incremental changed in {upserts.Tables} tables holding the history, "
                + $"replaced and checkpointed by DuckDB alone {upserts.Replace.TotalSeconds:0.00} s, written into empty tables {upserts.Fresh.TotalSeconds:0.00} s: "
                + $"{upserts.Beyond.TotalSeconds:0.00} s beyond writing them");
            // Writing the run's rows into empty tables costs mostly those tables' own work (every column compressed and
            // checkpointed, whatever its rows), which the full refresh's rate does not give the run: the share of the
            // full refresh's writing is what the run's rate already holds of writing them.
            var writing = written.Write.TotalSeconds * increment / Math.Max(1, processed);
            var floor = proportional - writing + upserts.Replace.TotalSeconds;
            var oldWay = proportional + upserts.Beyond.TotalSeconds;
            Console.WriteLine($"{package}: incremental floor: {proportional:0.00} s at the full refresh's rate - {writing:0.00} s of it writing (its share of the write floor) "
                + $"+ {upserts.Replace.TotalSeconds:0.00} s replacing = {floor:0.00} s = {floor / full.Wall.TotalSeconds:0.000} of the full refresh "
                + $"(the run took {incremental.Wall.TotalSeconds / full.Wall.TotalSeconds:0.000}; less writing into empty tables instead: {oldWay:0.00} s = {oldWay / full.Wall.TotalSeconds:0.000})");
        }
        finally
        {
            File.Delete(afterFullRefresh);
            File.Delete(afterFullRefresh + ".wal");
        }
        // The run's fixed cost: the same run again with no new event, every model built (a scheduled run would reuse the
        // package instead, see "Reuse"): what building the package's models costs whatever the data.
        trace?.WriteLine("== no new events");
        var idle = Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: false, select: [tag], reuse: false);
        Console.WriteLine($"{package}: a run with no new events, every model built (the run's fixed cost): {idle.Wall.TotalSeconds:0.00} s = "
            + $"{idle.Wall.TotalSeconds / full.Wall.TotalSeconds:0.000} of the full refresh");
        // No full refresh writes its tables faster than DuckDB alone, nor runs for less than a run with nothing to do.
        var floorRate = processed / (written.Write + idle.Wall).TotalSeconds;
        Console.WriteLine($"{package}: full refresh's floor: {written.Write.TotalSeconds:0.00} s writing + {idle.Wall.TotalSeconds:0.00} s fixed cost = "
            + $"{(written.Write + idle.Wall).TotalSeconds:0.00} s = {floorRate:0} events/s at most (the run: {processed / full.Wall.TotalSeconds:0} events/s)");
    }

    private sealed record Timing(TimeSpan Wall, TimeSpan Database, RunResults Results);

    private const int WarmUpEvents = 20_000;

    /// <summary>The measured sequence (events, seeds, full refresh, incremental, a run with nothing new) on a few events, unmeasured.</summary>
    private static void WarmUp(string package, string work, int threads, IReadOnlyList<string>? duckDbSettings, double? mobileShare)
    {
        var project = Path.Combine(work, $"{package}-warm-up");
        var database = project + ".duckdb";
        var clock = Stopwatch.StartNew();
        CreateProject(project, database, threads, duckDbSettings);
        try
        {
            var inDatabase = new DatabaseClock();
            var engines = new EngineRegistry([new TimedEngineFactory(new DuckDbEngineFactory(), inDatabase)]);
            var options = Options(WarmUpEvents, mobileShare);
            var vars = Vars(options);
            Workspace Open() => OpenWorkspace(project, engines, vars);
            new EventsGenerateService().Generate(Open(), options, onlyIfEmpty: false);
            var select = new[] { "tag:snowplow_" + package };
            Execute(Open, inDatabase, threads, RunMode.Seeds, fullRefresh: true, select: []);
            Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: true, select: select);
            Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: false, select: select);
            Execute(Open, inDatabase, threads, RunMode.Models, fullRefresh: false, select: select, reuse: false);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
            File.Delete(database);
            File.Delete(database + ".wal");
        }
        Console.WriteLine($"{package}: warm-up: the same runs on {WarmUpEvents.ToString("N0", CultureInfo.InvariantCulture)} events first, unmeasured, {clock.Elapsed.TotalSeconds:0.0} s "
            + "(.NET compiles the runner's code in this process as it first runs; the native executable ships it compiled; --cold skips this)");
    }

    /// <summary>The project as a run of the benchmark opens it: the benchmark's vars, started now.</summary>
    private static Workspace OpenWorkspace(string project, EngineRegistry engines, string vars) =>
        Workspace.Open(new WorkspaceOptions(project, null, null, vars, new Dictionary<string, string>(), DateTimeOffset.UtcNow), engines);

    private static GeneratorOptions Options(int events, double? mobileShare)
    {
        var options = new GeneratorOptions(Events: events, Days: 31);
        return mobileShare is { } share ? options with { MobileShare = share } : options;
    }

    private static string Vars(GeneratorOptions options) => JsonSerializer.Serialize(new Dictionary<string, object>
        { ["snowplow__start_date"] = options.Start.ToString("yyyy-MM-dd"), ["snowplow__backfill_limit_days"] = 30 });

    /// <summary>A fresh project of the repository's models and macros, on a fresh database file with the given workers and DuckDB settings.</summary>
    private static void CreateProject(string project, string database, int threads, IReadOnlyList<string>? duckDbSettings)
    {
        var root = RepositoryRoot();
        if (Directory.Exists(project)) Directory.Delete(project, recursive: true);
        File.Delete(database);
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(root, "models.yml"), Path.Combine(project, "models.yml"));
        foreach (var folder in new[] { "models", "macros" }) CopyDirectory(Path.Combine(root, folder), Path.Combine(project, folder));
        Directory.CreateDirectory(Path.Combine(project, "profiles"));
        File.WriteAllText(Path.Combine(project, "profiles", "profiles.yml"),
            $"modelrunner:\n  target: bench\n  outputs:\n    bench:\n      type: duckdb\n      path: {JsonSerializer.Serialize(database)}\n      schema: main\n      threads: {threads}\n"
            + (duckDbSettings is { Count: > 0 } ? "      settings:\n" + string.Concat(duckDbSettings.Select(kv => $"        {kv.Split('=')[0]}: {JsonSerializer.Serialize(kv[(kv.IndexOf('=') + 1)..])}\n")) : ""));
    }

    /// <summary>The share of the wall time spent building the models whose names start with a prefix (one worker: their times add up).</summary>
    private static void ReportShare(string package, string label, Timing timing, string prefix)
    {
        var time = timing.Results.Nodes.Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (t, n) => t + n.Elapsed);
        Console.WriteLine($"{package}: {label}: {prefix}* models {time.TotalSeconds:0.00} s = {100 * time / timing.Wall:0.0}% of wall");
    }

    private static void Report(string package, string label, Timing timing, long events)
    {
        var runner = timing.Wall - timing.Database;
        Console.WriteLine($"{package}: {label}: {events} events this run, wall {timing.Wall.TotalSeconds:0.00} s = {events / timing.Wall.TotalSeconds:0} events/s; "
            + $"runner {runner.TotalSeconds:0.000} s = {100 * runner / timing.Wall:0.0}% of wall (target <= 3%), DuckDB {timing.Database.TotalSeconds:0.00} s");
    }

    /// <summary>
    /// Wall time of the run (loading the project, compile, schedule, execute, artifacts, closing the database), and the part of it spent
    /// inside DuckDB: every call into the engine, including opening, introspection and the checkpoint on close.
    /// </summary>
    private static Timing Execute(Func<Workspace> open, DatabaseClock inDatabase, int threads, RunMode mode, bool fullRefresh, string[] select,
        bool reuse = true)
    {
        // A scheduled run is a process of its own, its heap empty. This process has generated events and run the runs
        // before this one: what they left for the garbage collector is collected now, not during the measured run (a
        // 12-43 ms pause, gen2 included, in one incremental of two at 1M web events: stop 42).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        inDatabase.Reset();
        var clock = Stopwatch.StartNew();
        var workspace = open();
        var results = new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory())
            .Run(workspace, new RunRequest(select, [], fullRefresh, threads, true, mode, []) { Reuse = reuse }, new SilentReporter());
        clock.Stop();
        if (results.Failed) throw new InvalidOperationException(string.Join("\n", results.Nodes.Where(n => !n.Succeeded).Select(n => n.Message)));
        return new Timing(clock.Elapsed, inDatabase.Elapsed, results);
    }

    private static object? Query(string project, EngineRegistry engines, string vars, string sql)
    {
        var workspace = OpenWorkspace(project, engines, vars);
        using var engine = workspace.Connect();
        using var session = engine.OpenSession();
        return session.Query(sql).Rows[0][0];
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelRunner.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmark from the repository");
    }
}
