using System.Diagnostics;
using System.Globalization;
using ModelRunner.Benchmarks;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

// Benchmarks print figures; they are never timed tests.
//   compile [--models 10000] [--runs 5]   whole-process `modelrunner compile` on a synthetic project
//   run [--models 500]                    the runner's own time per model during `run`, database time excluded
//   phases [--models 10000] [--no-partial-parse]   in-process compile time by phase
//   events [--events 10000000] [--floor-rows 1000000]   event generation, and DuckDB's own write speed for these rows
//   web [--events 1000000] [--threads 1] [--trace FILE] [--duckdb-setting name=value …]   the web package: full refresh, one-day incremental
//   mobile [--events 1000000] [--threads 1] [--trace FILE]   the mobile package, likewise
//     (web and mobile: --profile FOLDER writes DuckDB's JSON profile of each statement there, numbered as in the trace)
//   databricks [--trace-model NAME]       round trips per incremental model of a web + mobile run on Databricks (scripted warehouse)
//   idle [--events 1000000] [--runs 5]    whole-process `modelrunner run` of web + mobile when no new event has arrived
var command = args.FirstOrDefault() ?? "all";
int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null;
}
var work = Path.GetFullPath(".bench");
Directory.CreateDirectory(work);

if (command is "compile" or "all") CompileBenchmark(Arg("--models", 10_000), Arg("--runs", 5));
if (command is "phases")
{
    // The project the compile benchmark made, when there is one, so its partial-parse cache is warm.
    var models = Arg("--models", 10_000);
    var existing = Path.Combine(work, $"compile-{models}");
    Phases.Print(File.Exists(Path.Combine(existing, "models.yml")) ? existing : SyntheticProject.Create(existing, models, ":memory:"),
        partialParse: !args.Contains("--no-partial-parse"));
}
if (command is "run" or "all") RunBenchmark(Arg("--run-models", 500));
if (command is "events") EventsBenchmark(Arg("--events", 10_000_000), Arg("--floor-rows", 1_000_000));
if (command is "databricks")
{
    var i = Array.IndexOf(args, "--trace-model");
    DatabricksRoundTrips.Run(work, i >= 0 && i + 1 < args.Length ? args[i + 1] : null);
}
if (command is "idle") IdleRunBenchmark(Arg("--events", 1_000_000), Arg("--runs", 5));
if (command is "web" or "mobile")
    PackageBenchmark.Run(command, work, Arg("--events", 1_000_000), Arg("--threads", 1), StringArg("--trace"),
        args.Select((a, i) => (a, i)).Where(x => x.a == "--duckdb-setting" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList(),
        StringArg("--profile"));
return 0;

void CompileBenchmark(int models, int runs)
{
    var project = SyntheticProject.Create(Path.Combine(work, $"compile-{models}"), models, ":memory:");
    // Timed as a user deploys it for scheduled runs: published as a native executable (see README), no JIT at all.
    var cli = PublishCli();
    double Time(string extra)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(cli, $"compile --offline --project-dir \"{project}\" {extra}")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("compile failed: " + output);
        return clock.Elapsed.TotalSeconds;
    }
    void Report(string label, List<double> times)
    {
        times.Sort();
        Console.WriteLine($"compile: {models} models, whole process, {label}, {times.Count} runs: median {times[times.Count / 2]:0.000} s, best {times[0]:0.000} s, worst {times[^1]:0.000} s");
    }
    // Every model parsed and rendered (no partial parsing): the first compile of a project, or after a change
    // to models.yml, macros or property files.
    Time("--no-partial-parse"); // warms the file system cache
    Report("full parse (--no-partial-parse)", Enumerable.Range(0, runs).Select(_ => Time("--no-partial-parse")).ToList());
    // The usual edit-compile loop: target/partial_parse.json serves unchanged models.
    Time("");
    Report("partial parse, nothing changed", Enumerable.Range(0, runs).Select(_ => Time("")).ToList());
    var edited = Path.Combine(project, "models", "layer_050", "m5005.sql");
    var original = File.ReadAllText(edited);
    Report("partial parse, one model edited", Enumerable.Range(0, runs).Select(i =>
    {
        File.WriteAllText(edited, original + $"\n-- edit {i}\n");
        return Time("");
    }).ToList());
    File.WriteAllText(edited, original);
    // A new model reading an existing one (the loop of writing a new model): it joins without a whole compile.
    Time("");
    var added = new List<string>();
    Report("partial parse, one model added", Enumerable.Range(0, runs).Select(i =>
    {
        var path = Path.Combine(project, "models", "layer_050", $"added_{i}.sql");
        File.WriteAllText(path, $"select id, value from {{{{ ref \"m5005\" }}}} where id > {i}\n");
        added.Add(path);
        return Time("");
    }).ToList());
    added.ForEach(File.Delete);
}

// The scheduled run that finds nothing new (an hourly job between loads): the native executable, as deployed, on the
// web and mobile packages after they caught up with the generated events.
void IdleRunBenchmark(int events, int runs)
{
    var project = Path.Combine(work, "idle");
    var database = Path.Combine(work, "idle.duckdb");
    if (Directory.Exists(project)) Directory.Delete(project, recursive: true);
    File.Delete(database);
    var root = PackageBenchmark.RepositoryRoot();
    Directory.CreateDirectory(project);
    File.Copy(Path.Combine(root, "models.yml"), Path.Combine(project, "models.yml"));
    foreach (var folder in new[] { "models", "macros" }) PackageBenchmark.CopyDirectory(Path.Combine(root, folder), Path.Combine(project, folder));
    Directory.CreateDirectory(Path.Combine(project, "profiles"));
    File.WriteAllText(Path.Combine(project, "profiles", "profiles.yml"),
        $"modelrunner:\n  target: bench\n  outputs:\n    bench:\n      type: duckdb\n      path: {System.Text.Json.JsonSerializer.Serialize(database)}\n      schema: main\n      threads: 4\n");
    var cli = PublishCli();
    const string Vars = "{snowplow__start_date: '2024-12-01', snowplow__backfill_limit_days: 60}";
    double Cli(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments.Concat(["--vars", Vars, "--project-dir", project])) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', arguments)} failed: {output}");
        return clock.Elapsed.TotalSeconds;
    }
    Cli("events", "generate", "--events", events.ToString(CultureInfo.InvariantCulture));
    Cli("seed");
    Cli("run", "-s", "tag:snowplow_web", "tag:snowplow_mobile");
    // Caught up: from here on, nothing new arrives. This run finds nothing to do and changes nothing, so the
    // packages are reused from the next one on (README, "Reuse: a run with nothing to do").
    Cli("run", "-s", "tag:snowplow_web", "tag:snowplow_mobile");
    void Report(string label, params string[] extra)
    {
        var times = Enumerable.Range(0, runs).Select(_ => Cli(["run", "-s", "tag:snowplow_web", "tag:snowplow_mobile", .. extra])).Order().ToList();
        Console.WriteLine($"idle run: web + mobile, {events} events, no new event, whole process (native), {label}, {runs} runs: median {times[runs / 2]:0.000} s, "
            + $"best {times[0]:0.000} s, worst {times[^1]:0.000} s (target <= 0.5 s)");
    }
    Report("packages reused");
    Report("every model built (--no-reuse)", "--no-reuse");
}

void EventsBenchmark(int events, int floorRows)
{
    // Generates into a fresh DuckDB file through the same service as `modelrunner events generate`.
    var project = SyntheticProject.Create(Path.Combine(work, "events"), 1, Path.Combine(work, "events.duckdb"));
    File.Delete(Path.Combine(work, "events.duckdb"));
    var engines = new EngineRegistry(new IEngineFactory[] { new DuckDbEngineFactory() });
    var workspace = Workspace.Open(new WorkspaceOptions(project, null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow), engines);
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var rows = new ModelRunner.Events.EventsGenerateService().Generate(workspace, new ModelRunner.Events.GeneratorOptions(Events: events), onlyIfEmpty: false);
    clock.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"events generate: {rows} events into DuckDB in {clock.Elapsed.TotalSeconds:0.0} s = {rows / clock.Elapsed.TotalSeconds:0} events/s; "
        + $"CPU {cpu.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; "
        + $"peak working set {Environment.WorkingSet / 1048576} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB peak");
    if (floorRows > 0) WriteFloor.Print(workspace, floorRows);
}

string PublishCli()
{
    var output = Path.Combine(work, "cli");
    // A fresh folder: files left by an earlier publish of another kind (self-contained, composite) break start-up.
    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    var project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../ModelRunner.Cli/ModelRunner.Cli.csproj"));
    if (!File.Exists(project)) throw new InvalidOperationException($"cannot find {project}; run the benchmark from the repository");
    using var publish = Process.Start(new ProcessStartInfo("dotnet",
        $"publish \"{project}\" -c Release -r linux-x64 -p:PublishAot=true -o \"{output}\"")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
    publish.WaitForExit();
    if (publish.ExitCode != 0) throw new InvalidOperationException("publish failed: " + log);
    return Path.Combine(output, "modelrunner");
}

void RunBenchmark(int models)
{
    var project = SyntheticProject.Create(Path.Combine(work, $"run-{models}"), models, Path.Combine(work, $"run-{models}.duckdb"));
    File.Delete(Path.Combine(work, $"run-{models}.duckdb"));
    // Every call into DuckDB is timed (opening, introspection, statements, the checkpoint on close); the rest is the runner's.
    var inDatabase = new DatabaseClock();
    var engines = new EngineRegistry(new IEngineFactory[] { new TimedEngineFactory(new DuckDbEngineFactory(), inDatabase) });
    foreach (var label in new[] { "first run", "second run (incremental)" })
    {
        inDatabase.Reset();
        var clock = Stopwatch.StartNew();
        var workspace = Workspace.Open(new WorkspaceOptions(project, null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow), engines);
        var results = new RunService(MaterializationRegistry.Default()).Run(workspace,
            new RunRequest(Array.Empty<string>(), Array.Empty<string>(), false, 1, false, RunMode.Models, Array.Empty<string>()), new SilentReporter());
        clock.Stop();
        if (results.Failed) throw new InvalidOperationException(results.Nodes.First(n => n.Status == NodeStatus.Error).Message);
        var perNodeOverhead = results.Nodes.Average(n => (n.Elapsed - n.DatabaseTime).TotalMilliseconds);
        var runner = clock.Elapsed - inDatabase.Elapsed;
        Console.WriteLine($"run ({label}): {models} models on DuckDB, wall {clock.Elapsed.TotalSeconds:0.000} s, DuckDB {inDatabase.Elapsed.TotalSeconds:0.000} s, "
            + $"runner {runner.TotalSeconds:0.000} s = {runner.TotalMilliseconds / models:0.000} ms/model (load, compile, schedule, artifacts); "
            + $"inside node execution {perNodeOverhead:0.000} ms/model");
    }
}
