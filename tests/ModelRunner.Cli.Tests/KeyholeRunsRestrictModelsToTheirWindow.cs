using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// A keyhole run of a plain project, as dbt's microbatch: an incremental model with event_time reads its event_time
/// inputs filtered to the window and has the window's rows replaced; a keyhole: true model reads the window itself;
/// every other model is left out, named with the reason, and keeps its rows.
/// </summary>
public class KeyholeRunsRestrictModelsToTheirWindow
{
    private static TempProject Project() => new TempProject()
        .Write("models/clicks.sql", "{{ config materialized: 'table' event_time: 'clicked_at' }}\n"
            + "select range as id, timestamp '2024-01-01' + to_days((range % 10)::INTEGER) as clicked_at, 1 as weight from range(100)")
        .Write("models/daily.sql", "{{ config materialized: 'incremental' unique_key: 'day' event_time: 'day' }}\n"
            + "select date_trunc('day', clicked_at) as day, sum(weight) as weight from {{ ref 'clicks' }} group by 1")
        .Write("models/total.sql", "{{ config materialized: 'table' }}select sum(weight) as weight from {{ ref 'clicks' }}")
        .Write("models/windows.sql", "{{ config materialized: 'incremental' unique_key: 'w' keyhole: true }}\n"
            + "select coalesce({{ event_time_start ? \"'\" + event_time_start + \"'\" : 'null' }}, 'no window') as w");

    [Fact]
    public void Only_the_window_is_recomputed_and_models_without_event_time_are_left_out()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        // The clicks of two days change after they were processed (late corrections upstream).
        using (var engine = project.Open().Connect())
        using (var session = engine.OpenSession())
            session.Execute("update main.clicks set weight = 5 where clicked_at in (timestamp '2024-01-04', timestamp '2024-01-05')");

        var keyhole = project.Cli("run", "--event-time-start", "2024-01-04", "--event-time-end", "2024-01-05");
        Assert.Equal(0, keyhole.ExitCode);
        Assert.Contains("Left out of the keyhole run (a table with event_time would be rebuilt from the window alone; make it incremental): clicks", keyhole.Output);
        Assert.Contains("Left out of the keyhole run (no event_time (nor keyhole: true) to restrict it to the window): total", keyhole.Output);
        Assert.Contains("daily", keyhole.Output);
        Assert.Contains("REPLACE WINDOW", keyhole.Output);

        // The window's day recomputed from its clicks alone; the day after, changed too but outside the window, kept.
        Assert.Equal(["2024-01-03 00:00:00|10", "2024-01-04 00:00:00|50", "2024-01-05 00:00:00|10"],
            project.Query("select strftime(day, '%Y-%m-%d %H:%M:%S') || '|' || weight from main.daily where day between '2024-01-03' and '2024-01-05' order by day"));
        Assert.Equal(["100"], project.Query("select weight from main.total"));
        Assert.Contains("where \"clicked_at\" >= cast('2024-01-04 00:00:00' as timestamp) and \"clicked_at\" < cast('2024-01-05 00:00:00' as timestamp)",
            project.Read("target/compiled/models/daily.sql"));
        Assert.Equal(["2024-01-04 00:00:00", "no window"], project.Query("select w from main.windows order by w"));

        // The next plain run reads everything again: no window, nothing filtered.
        Assert.Equal(0, project.Cli("run", "-s", "daily").ExitCode);
        Assert.DoesNotContain("2024-01-04", project.Read("target/compiled/models/daily.sql"));
    }
}
