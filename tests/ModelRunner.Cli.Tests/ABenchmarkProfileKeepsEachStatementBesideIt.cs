using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `--profile FOLDER` on a benchmark: DuckDB's JSON profile of each statement, and beside it the statement itself
/// (DuckDB's JSON does not hold it), so a slow statement can be replayed alone. Runs the events benchmark built beside
/// the tests on a few events, in a temp folder.
/// </summary>
public sealed class ABenchmarkProfileKeepsEachStatementBesideIt : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mr-bench-profile-" + Guid.NewGuid().ToString("N")[..12]);

    public ABenchmarkProfileKeepsEachStatementBesideIt() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Every_profile_has_its_statement_in_a_file_of_the_same_number()
    {
        var profiles = Path.Combine(_folder, "profiles");
        var (code, output) = ChildProcess.Run("dotnet", _folder,
            [Path.Combine(AppContext.BaseDirectory, "ModelRunner.Benchmarks.dll"), "events", "--events", "2000", "--floor-rows", "0", "--profile", profiles]);
        Assert.True(code == 0, output);
        var json = Directory.GetFiles(profiles, "*.json");
        Assert.NotEmpty(json);
        foreach (var file in json)
            Assert.True(File.Exists(Path.ChangeExtension(file, ".sql")), $"no statement beside {Path.GetFileName(file)}");
        // The generator's insert is among them, whole (the trace cuts statements short; these files do not).
        var insert = Directory.GetFiles(profiles, "*.sql").Select(File.ReadAllText).Single(s => s.StartsWith("insert into \"atomic\".\"events\"", StringComparison.Ordinal));
        Assert.EndsWith("from generated", insert.TrimEnd());
    }
}
