using ModelRunner.Conformance;

// modelrunner-conformance [web|mobile|media-player] DATA_DIR DB_FILE [REPOSITORY_ROOT]: runs Snowplow's scenario of a package
// (web when none is named) and compares the tables.
var named = args.Length > 0 && args[0] is "web" or "mobile" or "media-player";
var package = named ? args[0] : "web";
var rest = named ? args[1..] : args;
if (rest.Length < 2)
{
    Console.Error.WriteLine("usage: modelrunner-conformance [web|mobile|media-player] DATA_DIR DB_FILE [REPOSITORY_ROOT]");
    return 2;
}
var repository = rest.Length > 2 ? rest[2] : FindRepository();
var (data, database) = (Path.GetFullPath(rest[0]), Path.GetFullPath(rest[1]));
if (!Directory.Exists(Path.Combine(data, "source")) || !Directory.Exists(Path.Combine(data, "expected")))
{
    Console.Error.WriteLine($"{data}: not a conformance folder (it needs source/ and expected/, as ../shared/conformance/snowplow-{package}-<version>/ has)");
    return 2;
}
if (!TrySchedule("MR_SCHEDULE", out var schedule) || !TrySchedule("MR_VITALS_SCHEDULE", out var vitalsSchedule)) return 2;
IReadOnlyList<ComparisonResult> results;
try
{
    results = package switch
    {
        "mobile" => MobileConformance.Run(repository, data, database, Console.Out, schedule),
        "media-player" => MediaPlayerConformance.Run(repository, data, database, Console.Out, schedule),
        _ => WebConformance.Run(repository, data, database, Console.Out, schedule, vitalsSchedule),
    };
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
    or ModelRunner.Core.Diagnostics.ProjectException or ModelRunner.Core.Engines.EngineException or ModelRunner.Core.Engines.DatabaseBusyException)
{
    // A run that failed (its models named), a schedule that never caught up, a project or data that cannot be read.
    Console.Error.WriteLine($"conformance ({package}): {e.Message}");
    return 1;
}
var equal = results.Count(r => r.Equal);
Console.WriteLine($"{equal} of {results.Count} tables equal; the database is at {database}");
return equal == results.Count ? 0 : 1;

// MR_SCHEDULE="FIRST,NEXT": another schedule of the package's events (run 1 backfills FIRST days, plain runs of NEXT
// follow until the manifest stops moving); MR_VITALS_SCHEDULE likewise for web's core web vitals events.
static bool TrySchedule(string variable, out RunSchedule? schedule)
{
    schedule = null;
    if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text) return true;
    if (text.Split(',') is [var first, var next] && int.TryParse(first, out var firstDays) && int.TryParse(next, out var nextDays)
        && firstDays > 0 && nextDays > 0)
    {
        schedule = new RunSchedule(firstDays, nextDays);
        return true;
    }
    Console.Error.WriteLine($"{variable}='{text}': expected two positive day counts, FIRST,NEXT (e.g. 243,5)");
    return false;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ModelRunner.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
