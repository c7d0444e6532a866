using System.Diagnostics;
using System.CommandLine;
using System.Globalization;
using ModelRunner.Benchmarks;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

// Benchmarks print figures; they are never timed tests. `--help` lists the commands and their options; no command
// runs compile and run. Bad options exit 2 with System.CommandLine's message, a benchmark that fails exits 1 with one line.
var work = Path.GetFullPath(".bench");
Directory.CreateDirectory(work);

var eventsOption = (int fallback) => new Option<int>("--events") { Description = "Events to generate", DefaultValueFactory = _ => fallback };
var threadsOption = new Option<int>("--threads") { Description = "Workers of the run (models built at once)", DefaultValueFactory = _ => 1 };
var traceOption = new Option<FileInfo?>("--trace") { Description = "Write every call into DuckDB, with its time, to this file" };
var profileOption = new Option<DirectoryInfo?>("--profile") { Description = "Have DuckDB write each statement's JSON profile into this folder, numbered as in the trace" };
var settingOption = new Option<string[]>("--duckdb-setting") { Description = "A DuckDB setting for the target, name=value (repeatable)" };
var mobileShareOption = new Option<double>("--mobile-share")
{
    Description = "The share of generated sessions that are mobile (0 to 1): 1 gives the mobile package all the events",
    DefaultValueFactory = _ => new ModelRunner.Events.GeneratorOptions().MobileShare,
};
mobileShareOption.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) r.AddError("--mobile-share must be between 0 and 1"); });
var coldOption = new Option<bool>("--cold") { Description = "No unmeasured warm-up first: the measured runs also pay .NET compiling the runner's code" };
var modelsOption = new Option<int>("--models") { Description = "Models in the synthetic project", DefaultValueFactory = _ => 10_000 };
var runsOption = (int fallback) => new Option<int>("--runs") { Description = "Runs to take the median of", DefaultValueFactory = _ => fallback };
var runModelsOption = new Option<int>("--run-models") { Description = "Models in the synthetic project of the run benchmark", DefaultValueFactory = _ => 500 };

var root = new RootCommand("ModelRunner's benchmarks: each prints its figures (see README, Benchmarks). No command: compile and run.");
Command Benchmark(string name, string description, Option[] options, Action<ParseResult> action)
{
    var command = new Command(name, description);
    foreach (var option in options) command.Options.Add(option);
    command.SetAction(parse => Guarded(() => action(parse)));
    root.Subcommands.Add(command);
    return command;
}

var compileRuns = runsOption(5);
Benchmark("compile", "Whole-process `modelrunner compile` (native) of a synthetic project: every model parsed, nothing changed, one edited, added, renamed, removed",
    [modelsOption, compileRuns], p => CompileBenchmark(p.GetValue(modelsOption), p.GetValue(compileRuns)));
Benchmark("run", "The runner's own time per model during `run`, DuckDB's time excluded", [runModelsOption],
    p => RunBenchmark(p.GetValue(runModelsOption)));
var noPartialParse = new Option<bool>("--no-partial-parse") { Description = "Parse every model (no partial-parse cache)" };
var allocations = new Option<bool>("--allocations") { Description = "Also print what loading and rendering allocate, by type (sampled)" };
Benchmark("phases", "In-process compile time by phase", [modelsOption, noPartialParse, allocations], p =>
{
    // The project the compile benchmark made, when there is one, so its partial-parse cache is warm.
    var models = p.GetValue(modelsOption);
    var existing = Path.Combine(work, $"compile-{models}");
    Phases.Print(File.Exists(Path.Combine(existing, "models.yml")) ? existing : SyntheticProject.Create(existing, models, ":memory:"),
        partialParse: !p.GetValue(noPartialParse), allocations: p.GetValue(allocations));
});
var generated = eventsOption(10_000_000);
var floorRows = new Option<int>("--floor-rows") { Description = "Rows of the write floor's sample (0: no floor)", DefaultValueFactory = _ => 1_000_000 };
Benchmark("events", "`events generate`, and DuckDB's own write of the same rows (the write floor)", [generated, floorRows, traceOption, profileOption],
    p => EventsBenchmark(p.GetValue(generated), p.GetValue(floorRows), p.GetValue(traceOption)?.FullName, p.GetValue(profileOption)?.FullName));
var traceModel = new Option<string?>("--trace-model") { Description = "Print each round trip of this model" };
Benchmark("databricks", "Round trips per incremental model of a web + mobile run on Databricks (a scripted warehouse)", [traceModel],
    p => DatabricksRoundTrips.Run(work, p.GetValue(traceModel)));
var idleEvents = eventsOption(1_000_000); var idleRuns = runsOption(5);
Benchmark("idle", "Whole-process `modelrunner run` (native) of web + mobile when no new event has arrived", [idleEvents, idleRuns],
    p => IdleRunBenchmark(p.GetValue(idleEvents), p.GetValue(idleRuns)));
foreach (var package in new[] { "web", "mobile" })
{
    var packageEvents = eventsOption(1_000_000);
    Benchmark(package, $"The {package} package: a full refresh over 30 days, then a one-day incremental run",
        [packageEvents, threadsOption, traceOption, settingOption, profileOption, mobileShareOption, coldOption],
        p => PackageBenchmark.Run(package, work, p.GetValue(packageEvents), p.GetValue(threadsOption), p.GetValue(traceOption)?.FullName,
            p.GetValue(settingOption) ?? [], p.GetValue(profileOption)?.FullName, p.GetValue(mobileShareOption), warmUp: !p.GetValue(coldOption)));
}
root.SetAction(_ => Guarded(() => { CompileBenchmark(10_000, 5); RunBenchmark(500); }));
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("(--help lists the benchmarks and their options)");
    return 2;
}
return parsed.Invoke();

// A benchmark that cannot go on (a folder it cannot write, a failed run) ends with one line, not .NET's stack trace.
static int Guarded(Action benchmark)
{
    try { benchmark(); return 0; }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ModelRunner.Core.Diagnostics.ProjectException)
    {
        Console.Error.WriteLine($"benchmark failed: {e.Message}");
        return 1;
    }
}

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
    // A model nothing reads, renamed (one leaves the manifest, one joins it), then removed: each without a whole compile.
    var leaf = added[^1];
    Report("partial parse, one model renamed", Enumerable.Range(0, runs).Select(i =>
    {
        var renamed = Path.Combine(project, "models", "layer_050", $"renamed_{i}.sql");
        File.Move(leaf, renamed);
        leaf = renamed;
        return Time("");
    }).ToList());
    added[^1] = leaf;
    Report("partial parse, one model removed", added.Select(path =>
    {
        File.Delete(path);
        return Time("");
    }).ToList());
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

void EventsBenchmark(int events, int floorRows, string? tracePath, string? profileFolder)
{
    // Generates into a fresh DuckDB file through the same service as `modelrunner events generate`.
    var project = SyntheticProject.Create(Path.Combine(work, "events"), 1, Path.Combine(work, "events.duckdb"));
    File.Delete(Path.Combine(work, "events.duckdb"));
    if (profileFolder is not null) Directory.CreateDirectory(profileFolder);
    using var trace = tracePath is null ? null : new StreamWriter(tracePath);
    // The generator's statements, timed (and profiled) one by one when asked; plain otherwise.
    IEngineFactory duckDb = trace is null && profileFolder is null
        ? new DuckDbEngineFactory() : new TimedEngineFactory(new DuckDbEngineFactory(), new DatabaseClock(), trace, profileFolder);
    var engines = new EngineRegistry(new IEngineFactory[] { duckDb });
    var workspace = Workspace.Open(new WorkspaceOptions(project, null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow), engines);
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var options = new ModelRunner.Events.GeneratorOptions(Events: events);
    var rows = new ModelRunner.Events.EventsGenerateService().Generate(workspace, options, onlyIfEmpty: false);
    clock.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"events generate: {rows} events into DuckDB in {clock.Elapsed.TotalSeconds:0.0} s = {rows / clock.Elapsed.TotalSeconds:0} events/s; "
        + $"CPU {cpu.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; "
        + $"peak working set {Environment.WorkingSet / 1048576} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB peak");
    if (floorRows <= 0) return;
    GeneratorFloor.Print(workspace, options, rows, clock.Elapsed, WriteFloor.Print(workspace, floorRows));
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
