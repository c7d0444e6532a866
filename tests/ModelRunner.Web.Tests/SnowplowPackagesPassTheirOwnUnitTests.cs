using ModelRunner.Cli;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The unit tests the packages carry (models/*/*_unit_tests.yml: deduplication, indexes, run limits, channel groups…)
/// pass, as `modelrunner test --unit` runs them offline on in-memory DuckDB. Run on a copy of the project, so the
/// repository's target/ is left alone.
/// </summary>
public class SnowplowPackagesPassTheirOwnUnitTests
{
    [Fact]
    public void Every_unit_test_of_the_web_mobile_and_media_player_packages_passes()
    {
        using var project = TempProject.CopyOfRepositoryProject();

        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(["test", "--unit", "--project-dir", project.Root], output, error, new Dictionary<string, string>());

        var log = output.ToString() + error;
        Assert.True(code == 0, log);
        var done = System.Text.RegularExpressions.Regex.Match(log, @"Done\. PASS=(\d+) WARN=0 ERROR=0 SKIP=0 TOTAL=(\d+)");
        Assert.True(done.Success, log);
        // Every package's own: the mobile screen views' and the web page views' first-of-each picks among them.
        Assert.True(int.Parse(done.Groups[1].Value) >= 23, log);
        Assert.Contains("screen_views_are_deduplicated_across_the_run_and_indexed_in_their_session", log);
        Assert.Contains("page_views_are_the_first_event_of_each_page_view_and_indexed_in_their_session", log);
    }
}
