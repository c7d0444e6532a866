using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>Command lines that used to be accepted without a word (or answered with a .NET type name): exit 2, saying what is wrong.</summary>
public class UsageMistakesAreRefused
{
    [Theory]
    [InlineData("run --threads 0", "--threads must be 1 or more (got 0)")]
    [InlineData("run --threads -3", "--threads must be 1 or more (got -3)")]
    [InlineData("run -s tag:", "the selector 'tag:' has no value")]
    [InlineData("ls -s config.materialized:", "has no value")]
    [InlineData("events generate --end-date 2025-13-45", "--end-date takes a day as YYYY-MM-DD, e.g. 2025-01-01 (got '2025-13-45')")]
    public void The_mistake_is_named_and_nothing_runs(string arguments, string expected)
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config tags: ['nightly'] }}select 1 as id");
        var result = project.Cli(arguments.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.All);
        Assert.DoesNotContain("System.", result.All);
        Assert.False(File.Exists(Path.Combine(project.Root, "db", "test.duckdb")), "nothing may run");
    }

    [Fact]
    public void Help_names_the_partial_parse_file_that_exists()
    {
        using var project = new TempProject();
        var result = project.Cli("compile", "--help");
        Assert.Contains("target/partial_parse.bin", result.All);
        Assert.DoesNotContain("partial_parse.json", result.All);
    }
}
