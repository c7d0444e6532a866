using System.Text.Json;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// The package benchmarks run the runner in their own process, where a deployment runs the native executable, whose
/// code is compiled before it starts. Their process does not tier: each method is compiled once, optimised, in the
/// warm-up, and nothing is compiled again in the background during the measured runs (with tiering, and dynamic PGO
/// on top, that work took a core from DuckDB: README, Benchmarks, stop 42). The setting lives in the benchmarks'
/// project file; this reads what the build made of it, the runtime configuration beside the benchmarks' assembly.
/// </summary>
public sealed class ThePackageBenchmarksRunCompiledCode
{
    [Fact]
    public void Their_process_runs_without_tiered_compilation()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ModelRunner.Benchmarks.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiered), "the benchmarks' runtime configuration does not set tiered compilation");
        Assert.False(tiered.GetBoolean());
    }
}
