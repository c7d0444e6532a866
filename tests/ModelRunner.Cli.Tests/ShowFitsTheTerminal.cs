using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`show` stays readable at 80 and 100 columns: a record too wide for the terminal prints one column a line, cells cut with an ellipsis.</summary>
public class ShowFitsTheTerminal
{
    private static string Show(TempProject project, int columns, string sql)
    {
        var output = new StringWriter();
        var code = CliApp.Run(["show", "--inline", sql, "--project-dir", project.Root], output, new StringWriter(),
            new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(0, code);
        return output.ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public void A_wide_record_prints_one_column_a_line_within_the_width(int columns)
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var wide = string.Join(", ", Enumerable.Range(0, 30).Select(i => $"'value number {i}' as some_long_column_name_{i}"));
        var text = Show(project, columns, $"select {wide}, repeat('x', 500) as long_text");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        Assert.Contains(lines, l => l.StartsWith("some_long_column_name_29", StringComparison.Ordinal) && l.EndsWith("| value number 29", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("long_text", StringComparison.Ordinal) && l.EndsWith("…", StringComparison.Ordinal));
    }

    [Fact]
    public void A_narrow_result_stays_a_table()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var text = Show(project, 80, "select 1 as a, 'hello' as b");
        Assert.Contains("│ 1 │ hello │", text);
    }
}
