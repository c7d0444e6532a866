using System.Text.Json;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`show` prints 10 rows unless --limit says otherwise; --limit -1 prints every row, as dbt's show does.</summary>
public class ShowLimitsItsRowsAsDbtDoes
{
    private static int Rows(TempProject project, params string[] limit)
    {
        var result = project.Cli(["show", "--inline", "select range as id from range(25)", "--output", "json", .. limit]);
        Assert.True(result.ExitCode == 0, result.All);
        return JsonDocument.Parse(result.Output.Trim()).RootElement.GetArrayLength();
    }

    [Fact]
    public void Ten_rows_by_default_as_many_as_asked_and_every_row_with_minus_one()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        Assert.Equal(10, Rows(project));
        Assert.Equal(3, Rows(project, "--limit", "3"));
        Assert.Equal(0, Rows(project, "--limit", "0"));
        Assert.Equal(25, Rows(project, "--limit", "-1"));
    }
}
