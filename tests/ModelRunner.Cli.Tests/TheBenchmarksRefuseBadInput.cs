namespace ModelRunner.Cli.Tests;

/// <summary>
/// The benchmarks (src/ModelRunner.Benchmarks) on bad input: a malformed option or an unknown benchmark exits 2 before
/// anything runs, a benchmark that cannot write its trace exits 1; each says so in a line, never with a stack trace.
/// Runs the benchmarks built beside the tests, in a temp folder (<see cref="BenchmarksInATempFolder"/>).
/// </summary>
public sealed class TheBenchmarksRefuseBadInput : IDisposable
{
    private readonly BenchmarksInATempFolder _benchmarks = new();

    public void Dispose() => _benchmarks.Dispose();

    private (int Code, string Output) Benchmarks(params string[] args) => _benchmarks.Run(args);

    [Fact]
    public void A_count_that_is_not_a_number_exits_2_naming_the_option()
    {
        var (code, output) = Benchmarks("web", "--events", "many");
        Assert.Equal(2, code);
        Assert.Contains("'many'", output);
        Assert.Contains("--events", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_mobile_share_outside_zero_to_one_exits_2_before_anything_is_generated()
    {
        var (code, output) = Benchmarks("mobile", "--events", "1000", "--mobile-share", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("--mobile-share must be between 0 and 1", output);
        Assert.DoesNotContain("events generated", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void An_unknown_benchmark_exits_2()
    {
        var (code, output) = Benchmarks("webb");
        Assert.Equal(2, code);
        Assert.Contains("'webb'", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_trace_file_in_a_folder_that_does_not_exist_ends_the_benchmark_with_one_line_before_it_generates()
    {
        var trace = Path.Combine(_benchmarks.Folder, "no-such-folder", "trace.txt");
        var (code, output) = Benchmarks("mobile", "--events", "1000", "--trace", trace);
        Assert.Equal(1, code);
        Assert.StartsWith("benchmark failed: ", output.Trim());
        Assert.Contains(trace, output);
        Assert.DoesNotContain("events generated", output);
        Assert.DoesNotContain("   at ", output);
    }
}
