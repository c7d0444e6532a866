using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The web package's input-signal (when a run has nothing to do, README "Reuse") moves with every load and erasure of
/// atomic.events, with the manifest, and with the clock when events were collected after "now" (the run's upper limit
/// is then the clock, so a later run can find more).
/// </summary>
public class SnowplowInputSignalMovesWithWhatARunWouldDo
{
    /// <summary>The signal as the runner reads and records it.</summary>
    private static string Signal(TempProject project, string vars)
    {
        var workspace = project.Open(vars);
        var package = workspace.Project.Packages.Single(p => p.Name == "snowplow_web");
        using var engine = workspace.Connect();
        using var session = engine.OpenSession();
        return PackageReuse.SignalOf(package, session, workspace.CreateCompiler(RelationCatalog.FromSession(session), fullRefresh: false));
    }

    [Fact]
    public void Loads_erasures_the_manifest_and_events_ahead_of_the_clock_move_it()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        PackageCli.Run(project, PackageCli.AllAtOnce, "events", "generate", "--events", "3000", "--days", "3", "--seed", "3");
        PackageCli.Run(project, PackageCli.AllAtOnce, "seed");
        PackageCli.Run(project, PackageCli.AllAtOnce, "run", "-s", "tag:snowplow_web");
        var settled = Signal(project, PackageCli.AllAtOnce);
        Assert.Equal(settled, Signal(project, PackageCli.AllAtOnce));
        Assert.Contains("ahead_of_now=null", settled);

        // A clock before the newest event: the signal carries it, so it moves as the clock does.
        var early = Signal(project, "{snowplow__start_date: '2024-12-18', snowplow__backfill_limit_days: 30, snowplow__current_timestamp: '2024-12-19 00:00:00'}");
        Assert.Contains("ahead_of_now=2024-12-19 00:00:00", early);

        project.Execute("delete from atomic.events where event_id in (select event_id from atomic.events limit 1)");
        var erased = Signal(project, PackageCli.AllAtOnce);
        Assert.NotEqual(settled, erased);

        project.Execute("update main_snowplow_manifest.snowplow_web_incremental_manifest set last_success = last_success + interval 1 hour "
            + "where model = 'snowplow_web_page_views'");
        Assert.NotEqual(erased, Signal(project, PackageCli.AllAtOnce));
    }
}
