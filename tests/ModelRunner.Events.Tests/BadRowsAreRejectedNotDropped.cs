using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

public class BadRowsAreRejectedNotDropped
{
    private const string Header = "event_id,collector_tstamp,domain_sessionidx,contexts_com_snowplowanalytics_snowplow_web_page_1_0_0";

    [Fact]
    public void Rows_that_do_not_parse_go_to_the_reject_file_with_the_reason_and_the_rest_load()
    {
        using var project = new TempProject();
        project.Write("in/events.csv", Header + "\n"
            + "e1,2024-01-01 10:00:00.000,1,\"[{\"\"id\"\":\"\"p1\"\"}]\"\n"
            + "e2,not a time,1,\n"
            + "e3,2024-01-01 10:00:01.000,one,\n"
            + "e4,2024-01-01 10:00:02.000,2,\"[{\"\"id\"\": oops\"\n"
            + "e5,2024-01-01T10:00:03Z,3,\n");
        var result = Assert.Single(project.LoadEvents(Path.Combine(project.Root, "in/events.csv")));
        Assert.Equal((2L, 3L), (result.Loaded, result.Rejected));
        var rejects = File.ReadAllLines(result.RejectFile!);
        Assert.Equal(4, rejects.Length);
        Assert.StartsWith("3,collector_tstamp: not a timestamp", rejects[1]);
        Assert.StartsWith("4,domain_sessionidx: not an integer", rejects[2]);
        Assert.Contains("not valid JSON", rejects[3]);
        Assert.Equal(new[] { "e1|p1", "e5|NULL" }, project.Query(
            "select event_id || '|' || coalesce(contexts_com_snowplowanalytics_snowplow_web_page_1[1].id, 'NULL') from atomic.events order by event_id"));
    }

    [Fact]
    public void A_column_of_an_unknown_schema_is_refused_naming_it()
    {
        using var project = new TempProject();
        project.Write("in/events.csv", "event_id,collector_tstamp,contexts_com_acme_thing_1_0_0\ne1,2024-01-01 10:00:00,\n");
        var error = Assert.Throws<ProjectException>(() => project.LoadEvents(Path.Combine(project.Root, "in/events.csv")));
        Assert.Contains("contexts_com_acme_thing_1_0_0", error.Message);
        Assert.Contains("schema file", error.Message);
    }
}
