namespace ModelRunner.Cli.Tests;

/// <summary>
/// `--profile FOLDER` on a benchmark: DuckDB's JSON profile of each statement, and beside it the statement itself
/// (DuckDB's JSON does not hold it), so a slow statement can be replayed alone. Runs the events benchmark built beside
/// the tests on a few events (<see cref="BenchmarksInATempFolder"/>).
/// </summary>
public sealed class ABenchmarkProfileKeepsEachStatementBesideIt : IDisposable
{
    private readonly BenchmarksInATempFolder _benchmarks = new();

    public void Dispose() => _benchmarks.Dispose();

    [Fact]
    public void Every_profile_has_its_statement_in_a_file_of_the_same_number()
    {
        var profiles = Path.Combine(_benchmarks.Folder, "profiles");
        var (code, output) = _benchmarks.Run("events", "--events", "2000", "--floor-rows", "0", "--profile", profiles);
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
