namespace ModelRunner.Cli.Tests;

/// <summary>
/// The package benchmarks (`web`, `mobile`) first run their whole sequence on a few events, unmeasured, so that .NET
/// compiling the runner's code in the benchmark's process is not charged to the measured runs (the native executable a
/// deployment runs ships that code compiled); the warm-up's project and database are removed, and `--cold` skips it.
/// Runs the benchmark built beside the tests (<see cref="BenchmarksInATempFolder"/>) on a few events.
/// </summary>
public sealed class APackageBenchmarkWarmsUpBeforeItMeasures : IDisposable
{
    private readonly BenchmarksInATempFolder _benchmarks = new();

    public void Dispose() => _benchmarks.Dispose();

    [Fact]
    public void The_warm_up_comes_first_and_leaves_nothing_behind()
    {
        var (code, output) = _benchmarks.Run("mobile", "--events", "2000");
        Assert.True(code == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("mobile: warm-up: the same runs on 20,000 events first, unmeasured", lines[0]);
        Assert.StartsWith("mobile: 2", lines[1]);
        Assert.Contains("events generated", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("mobile: incremental / full refresh = ", StringComparison.Ordinal));
        var bench = Path.Combine(_benchmarks.Folder, ".bench");
        Assert.False(Directory.Exists(Path.Combine(bench, "mobile-warm-up")), "the warm-up's project is left");
        Assert.Empty(Directory.GetFiles(bench, "mobile-warm-up*"));
    }

    [Fact]
    public void Cold_measures_without_it()
    {
        var (code, output) = _benchmarks.Run("mobile", "--events", "2000", "--cold");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("warm-up", output);
        Assert.StartsWith("mobile: 2", output);
    }
}
