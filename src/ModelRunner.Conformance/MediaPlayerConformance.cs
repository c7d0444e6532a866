using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Conformance;

/// <summary>
/// Snowplow's integration-test scenario for the media player package 0.5.3 (spec snowplow-media-player §4): the events
/// CSV staged through the events loader (without its two helper columns), the web package with its page view,
/// session, user mapping and user modules switched off, so the web manifest tracks the media models alone, the
/// scenario's vars scoped by package, the schedule of §4.3 (run 1 a full refresh, runs 2 and 3 plain: the events
/// arrive in three increments of 2 days), then §4.4's comparison: the 44 plays on all 28 columns, media stats on
/// its 17 compared columns, exactly.
/// </summary>
public static class MediaPlayerConformance
{
    private static readonly Dictionary<string, object?> ScenarioVars = new()
    {
        ["snowplow_web"] = new Dictionary<string, object?> { ["snowplow__start_date"] = "2022-01-17", ["snowplow__backfill_limit_days"] = 2 },
        ["snowplow_media_player"] = new Dictionary<string, object?>
        {
            ["snowplow__percent_progress_boundaries"] = new[] { 10, 25, 50, 75 },
            ["snowplow__enable_youtube"] = true, ["snowplow__enable_whatwg_media"] = true, ["snowplow__enable_whatwg_video"] = true,
        },
    };

    /// <summary>The scenario's vars with the web package's backfill set to <paramref name="days"/> (when given).</summary>
    private static Dictionary<string, object?> WithBackfill(int? days)
    {
        var vars = new Dictionary<string, object?>(ScenarioVars);
        if (days is { } backfill)
            vars["snowplow_web"] = new Dictionary<string, object?>((Dictionary<string, object?>)ScenarioVars["snowplow_web"]!) { ["snowplow__backfill_limit_days"] = backfill };
        return vars;
    }

    private static readonly string[] ComparedStats =
    [
        "media_id", "media_label", "duration", "media_type", "media_player_type", "first_play", "last_play", "plays", "valid_plays",
        "complete_plays", "impressions", "completion_rate_by_plays", "_10_percent_reached", "_25_percent_reached", "_50_percent_reached",
        "_75_percent_reached", "_100_percent_reached",
    ];

    /// <param name="schedule">
    /// Another schedule of the same events (run 1 backfills its first figure of days, plain runs of the second follow
    /// until the manifest stops moving): the plays are compared, not media stats, whose own watermark makes them depend on
    /// the schedule (§2.2: a play starting exactly at the watermark is left out of the next run).
    /// </param>
    public static IReadOnlyList<ComparisonResult> Run(string repositoryRoot, string dataDirectory, string databaseFile, TextWriter log,
        RunSchedule? schedule = null)
    {
        if (File.Exists(databaseFile)) File.Delete(databaseFile);
        var off = new Dictionary<string, object?> { ["+enabled"] = false };
        var package = new PackageUnderTest("snowplow_media_player", "media_player", null, null,
            AlsoPackages: new Dictionary<string, string> { ["snowplow_web"] = "web" },
            Models: new Dictionary<string, object?>
            {
                ["snowplow_web"] = new Dictionary<string, object?> { ["page_views"] = off, ["sessions"] = off, ["user_mapping"] = off, ["users"] = off },
            });
        var runner = new ScenarioRunner(ConformanceProject.Create(repositoryRoot, package, databaseFile), databaseFile, log);
        // Snowplow's events CSV carries two helper columns of its test project (event_id_dedupe_index, row_count), which
        // are no atomic column: the loader refuses unknown columns, so the staged copy leaves them out.
        var staged = Path.Combine(Path.GetTempPath(), $"mr-media-events-{Guid.NewGuid():N}.csv");
        try
        {
            var source = Path.Combine(dataDirectory, "source", "snowplow_media_player_events.csv").Replace("'", "''");
            runner.Sql($"copy (select * exclude (event_id_dedupe_index, row_count) from read_csv('{source}', all_varchar = true, header = true)) "
                + $"to '{staged.Replace("'", "''")}' (header, delimiter ',')");
            runner.Stage(staged, ScenarioVars);
        }
        finally
        {
            File.Delete(staged);
        }

        var first = new Dictionary<string, object?>(WithBackfill(schedule?.FirstBackfillDays)) { ["snowplow__allow_refresh"] = true };
        runner.Execute(first, RunMode.Models, fullRefresh: true, "run 1 (full refresh)");
        if (schedule is null)
            for (var run = 2; run <= 3; run++) runner.Execute(ScenarioVars, RunMode.Models, fullRefresh: false, $"run {run}");
        else
            runner.ExecuteUntilCaughtUp("snowplow_web", WithBackfill(schedule.BackfillDays));

        var expected = Path.Combine(dataDirectory, "expected", "databricks");
        var plays = new ExpectedTable("base", new Relation(null, "main_derived", "snowplow_media_player_base"),
            Path.Combine(expected, "snowplow_media_player_base_expected.csv"), "play_id");
        if (schedule is not null) return runner.Compare([plays]);
        return runner.Compare([
            plays,
            new ExpectedTable("media_stats", new Relation(null, "main_derived", "snowplow_media_player_media_stats"),
                Path.Combine(expected, "snowplow_media_player_media_stats_expected.csv"), "media_id", Columns: ComparedStats),
        ]);
    }
}
