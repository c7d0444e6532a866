using ModelRunner.Conformance;
using ModelRunner.TestSupport;
using Xunit.Abstractions;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The acceptance test of the media player package (0.5.3): Snowplow's integration-test events, staged through the
/// events loader and run on the exact schedule as a module of the web package, give Snowplow's expected plays on every
/// column and media stats on every compared column.
/// </summary>
public class MediaPlayerPackageMatchesSnowplowsIntegrationTest(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_compared_cell_is_equal()
    {
        Skip.If(SharedData.MediaPlayerConformanceDirectory is null, SharedData.MediaPlayerMissingReason);
        var database = Path.Combine(Path.GetTempPath(), $"mr-media-conformance-{Guid.NewGuid():N}.duckdb");
        try
        {
            var log = new StringWriter();
            var results = MediaPlayerConformance.Run(SharedData.RepositoryRoot, SharedData.MediaPlayerConformanceDirectory!, database, log);
            output.WriteLine(log.ToString());
            Assert.All(results, r => Assert.True(r.Equal, r.ToString()));
            Assert.Equal(["base", "media_stats"], results.Select(r => r.Name));
            Assert.Equal([44L, 3L], results.Select(r => r.ExpectedRows));
            Assert.Equal([44L * 28, 3L * 17], results.Select(r => r.CellsCompared));
        }
        finally
        {
            File.Delete(database);
        }
    }
}
