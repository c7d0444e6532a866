using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

public class EventsCommandsEndToEnd
{
    [Fact]
    public void Generate_takes_sessions_users_and_rates_and_if_empty_adds_nothing_the_second_time()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var first = project.Cli("events", "generate", "--events", "3000", "--sessions", "60", "--users", "12", "--bot-rate", "0.5", "--if-empty");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("event(s) generated", first.Output);
        Assert.Equal(new[] { "60" }, project.Query("select count(distinct domain_sessionid) from atomic.events"));
        Assert.True(int.Parse(project.Query("select count(distinct domain_userid) from atomic.events")[0]) <= 12);
        Assert.True(int.Parse(project.Query("select count(distinct domain_sessionid) from atomic.events where contexts_com_iab_snowplow_spiders_and_robots_1[1].spider_or_robot")[0]) > 10);
        var again = project.Cli("events", "generate", "--if-empty");
        Assert.Contains("nothing generated", again.Output);
        Assert.Equal(2, project.Cli("events", "generate", "--bot-rate", "2").ExitCode);
    }

    [Fact]
    public void Load_reports_rejects_with_exit_code_1_and_an_unknown_format_is_bad_usage()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        project.Write("in/e.csv", "event_id,collector_tstamp\ne1,2024-01-01 00:00:00\ne2,yesterday\n");
        var load = project.Cli("events", "load", "--format", "snowplow-csv", Path.Combine(project.Root, "in/e.csv"));
        Assert.Equal(1, load.ExitCode);
        Assert.Contains("1 event(s) loaded, 1 rejected", load.Output);
        Assert.Equal(2, project.Cli("events", "load", "--format", "parquet", Path.Combine(project.Root, "in/e.csv")).ExitCode);
    }

    [Fact]
    public void Load_of_a_file_its_reader_cannot_take_at_all_names_the_file_exits_2_and_loads_nothing()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        Assert.Equal(0, project.Cli("events", "generate", "--events", "200").ExitCode);
        var before = project.Query("select count(*) from atomic.events");
        var noise = new byte[300];
        new Random(7).NextBytes(noise);
        var path = Path.Combine(project.Root, "in", "noise.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, noise);

        var load = project.Cli("events", "load", "--format", "snowplow-csv", path);
        Assert.Equal(2, load.ExitCode);
        Assert.Contains(path + ": error: not a snowplow-csv file this can read: ", load.All);
        Assert.Single(load.All.Trim().Split('\n'));
        Assert.Equal(before, project.Query("select count(*) from atomic.events"));
    }

    [Fact]
    public void Load_with_rejects_going_into_a_file_is_refused_before_anything_loads()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id").Write("in/e.csv", "event_id,collector_tstamp\ne1,yesterday\n")
            .Write("in/taken", "a file");
        var load = project.Cli("events", "load", "--format", "snowplow-csv", "--rejects", Path.Combine(project.Root, "in/taken"), Path.Combine(project.Root, "in/e.csv"));
        Assert.Equal(2, load.ExitCode);
        Assert.Contains("in/taken: it is a file; give a folder to write into", load.All);
        Assert.DoesNotContain("unexpected", load.All);
    }
}
