using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>Help says what exists (the refused command lines are rows of <see cref="TheBadInputCatalogue"/>).</summary>
public class HelpNamesTheFilesThatExist
{
    [Fact]
    public void Help_names_the_partial_parse_file_that_exists()
    {
        using var project = new TempProject();
        var result = project.Cli("compile", "--help");
        Assert.Contains("target/partial_parse.bin", result.All);
        Assert.DoesNotContain("partial_parse.json", result.All);
    }
}
