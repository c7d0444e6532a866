using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`show --output json` keeps each value's type, and a BLOB shows its bytes, not a .NET type name.</summary>
public class ShowJsonKeepsEachValuesType
{
    [Fact]
    public void Numbers_and_booleans_stay_numbers_and_booleans()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var result = project.Cli("show", "--inline", "select 1 as i, 2.5::double as d, 3.25::decimal(10,2) as m, true as b, 'x' as s, "
            + "null as n, '\\xAB\\x41'::blob as bl, date '2024-01-02' as dt", "--output", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[{\"i\":1,\"d\":2.5,\"m\":3.25,\"b\":true,\"s\":\"x\",\"n\":null,\"bl\":\"\\\\xABA\",\"dt\":\"2024-01-02\"}]", result.Output.Trim());
    }
}
