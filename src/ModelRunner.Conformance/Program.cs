using ModelRunner.Conformance;

// modelrunner-conformance DATA_DIR DB_FILE [REPOSITORY_ROOT]: runs Snowplow's web scenario and compares the tables.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: modelrunner-conformance DATA_DIR DB_FILE [REPOSITORY_ROOT]");
    return 2;
}
var repository = args.Length > 2 ? args[2] : FindRepository();
var results = WebConformance.Run(repository, Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Console.Out);
var equal = results.Count(r => r.Equal);
Console.WriteLine($"{equal} of {results.Count} tables equal; the database is at {Path.GetFullPath(args[1])}");
return equal == results.Count ? 0 : 1;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ModelRunner.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
