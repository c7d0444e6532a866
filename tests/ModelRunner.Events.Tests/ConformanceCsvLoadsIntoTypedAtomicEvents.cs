using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

/// <summary>Snowplow's own integration-test CSVs (../shared), loaded into typed atomic.events.</summary>
public class ConformanceCsvLoadsIntoTypedAtomicEvents
{
    [SkippableFact]
    public void The_web_events_load_with_typed_contexts_and_events()
    {
        using var project = new TempProject();
        var result = Assert.Single(project.LoadEvents(EventsTestSupport.Conformance("snowplow_web_events.csv")));
        Assert.Equal((160L, 0L), (result.Loaded, result.Rejected));

        // A context is a list of structs with snake_case fields, 1-based in DuckDB.
        Assert.Equal(new[] { "56a57f9a-b515-4774-a09f-4ab98f9032f3" }, project.Query(
            "select contexts_com_snowplowanalytics_snowplow_web_page_1[1].id from atomic.events "
            + "where event_id = '9e983d4a-e07c-4858-8e97-bdb7feb31241' and event_name = 'link_click' limit 1"));
        // camelCase JSON keys (spiderOrRobot) land in snake_case BOOLEAN fields.
        Assert.Equal(new[] { "BOOLEAN" }, project.Query(
            "select distinct typeof(contexts_com_iab_snowplow_spiders_and_robots_1[1].spider_or_robot) from atomic.events "
            + "where contexts_com_iab_snowplow_spiders_and_robots_1 is not null"));
        // A self-describing event is a struct; arrays stay arrays; numbers given as strings become numbers.
        Assert.Equal(new[] { "necessary|3" }, project.Query(
            "select scopes[1] || '|' || len(scopes) from (select unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.consent_scopes as scopes "
            + "from atomic.events where event_id = '4b5bb319-523b-467b-849b-f2ec044f0396')"));
        Assert.Equal(new[] { "DOUBLE" }, project.Query(
            "select distinct typeof(unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1.elapsed_time) from atomic.events "
            + "where event_name = 'cmp_visible'"));
        Assert.Equal(new[] { "TIMESTAMP|BOOLEAN|BIGINT" }, project.Query(
            "select typeof(collector_tstamp) || '|' || typeof(dvce_ismobile) || '|' || typeof(domain_sessionidx) from atomic.events limit 1"));
    }

    [SkippableFact]
    public void Malformed_page_contexts_give_null_ids_rather_than_errors()
    {
        using var project = new TempProject();
        project.LoadEvents(EventsTestSupport.Conformance("snowplow_web_events.csv"));
        // The consent events carry [[{"id": …}]]: the element is not an object, so its id is NULL.
        Assert.Equal(new[] { "0" }, project.Query(
            "select count(contexts_com_snowplowanalytics_snowplow_web_page_1[1].id) from atomic.events where event_name = 'consent_preferences'"));
    }

    [SkippableFact]
    public void The_vitals_events_load_and_the_row_without_event_id_is_rejected_with_its_reason()
    {
        using var project = new TempProject();
        var result = Assert.Single(project.LoadEvents(EventsTestSupport.Conformance("snowplow_web_vital_events.csv")));
        Assert.Equal((1000L, 1L), (result.Loaded, result.Rejected));
        Assert.Contains("event_id is missing", File.ReadAllText(result.RejectFile!));
        Assert.Equal(new[] { "1000" }, project.Query(
            "select count(unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.lcp) from atomic.events"));
        // The vitals data writes the YAUAA context in snake_case: it lands in the same fields.
        Assert.Equal(new[] { "0" }, project.Query(
            "select count(*) from atomic.events where contexts_nl_basjes_yauaa_context_1[1].device_class is null"));
    }

    [SkippableFact]
    public void Loading_the_same_file_again_adds_nothing()
    {
        using var project = new TempProject();
        var file = EventsTestSupport.Conformance("snowplow_web_events.csv");
        project.LoadEvents(file);
        var again = Assert.Single(project.LoadEvents(file));
        Assert.True(again.AlreadyLoaded);
        Assert.Equal(new[] { "160" }, project.Query("select count(*) from atomic.events"));
    }
}
