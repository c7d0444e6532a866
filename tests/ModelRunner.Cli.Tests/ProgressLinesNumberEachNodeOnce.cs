using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>The progress lines read as dbt's: a node's finish line has its start line's number, and hooks are not counted as nodes.</summary>
public class ProgressLinesNumberEachNodeOnce
{
    [Fact]
    public void Start_and_finish_lines_of_a_node_carry_one_number_and_hooks_are_counted_apart()
    {
        using var project = new TempProject(extraProjectYaml: "seed-paths: [seeds]\non-run-end: [\"select 1\"]\n")
            .Write("seeds/people.csv", "id\n1\n");
        for (var i = 0; i < 6; i++) project.Write($"models/m{i}.sql", $"{{{{ config materialized: 'table' }}}}select {i} as id, (select count(*) from range(200000)) as n");
        var result = project.Cli("build", "--threads", "4");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        foreach (var what in new[] { "table main.m0", "table main.m5", "seed main.people" })
        {
            var start = lines.Single(l => l.Contains($" START {what} "));
            var finish = lines.Single(l => l.Contains($" OK {what} "));
            Assert.Equal(Number(start), Number(finish));
        }
        Assert.DoesNotContain(lines, l => l.Contains("seed seed"));
        Assert.Contains(lines, l => l.Contains("Finished running 7 node(s) and 1 hook(s)"));
        Assert.Contains(lines, l => l.Contains("TOTAL=7"));
    }

    private static string Number(string line) => System.Text.RegularExpressions.Regex.Match(line, @"\s(\d+) of \d+ ").Groups[1].Value;
}
