using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

/// <summary>Snowplow's enriched TSV (what Enrich writes to the stream), written by the test, loaded into typed atomic.events.</summary>
public class EnrichedTsvLoadsIntoTypedAtomicEvents
{
    private static readonly IReadOnlyList<string> Fields = EnrichedTsvLoader.FieldsOf(SchemaCatalogLoader.LoadEmbedded());

    private static string Line(IReadOnlyDictionary<string, string> values) =>
        string.Join('\t', Fields.Select(f => values.TryGetValue(f, out var v) ? v : ""));

    private const string PageView = """
        {"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[
          {"schema":"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0","data":{"id":"pv-1"}},
          {"schema":"iglu:com.acme/unknown/jsonschema/1-0-0","data":{"x":1}}]}
        """;
    private const string Derived = """
        {"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":[
          {"schema":"iglu:com.iab.snowplow/spiders_and_robots/jsonschema/1-0-0","data":{"spiderOrRobot":true,"category":"SPIDER_OR_ROBOT","reason":"FAILED_UA_INCLUDE","primaryImpact":"UNKNOWN"}},
          {"schema":"iglu:nl.basjes/yauaa_context/jsonschema/1-0-4","data":{"deviceClass":"Phone","agentName":"Chrome"}}]}
        """;
    private const string Vitals = """
        {"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":
          {"schema":"iglu:com.snowplowanalytics.snowplow/web_vitals/jsonschema/1-0-0","data":{"lcp":1908.5,"cls":0.05,"navigationType":"navigate"}}}
        """;

    private static string Flat(string json) => string.Join("", json.Split('\n').Select(l => l.Trim()));

    private static IReadOnlyList<LoadResult> LoadTsv(TempProject project, string file) =>
        new EventsLoadService().Load(project.Open(), EnrichedTsvLoader.FormatName, new[] { Path.Combine(project.Root, file) },
            Path.Combine(project.Root, "rejects"), _ => { });

    [Fact]
    public void Binary_or_mis_encoded_lines_are_rejected_at_their_line_and_the_text_lines_load()
    {
        using var project = new TempProject();
        var good1 = System.Text.Encoding.UTF8.GetBytes(Line(new Dictionary<string, string> { ["collector_tstamp"] = "2024-03-01 10:00:01", ["event_id"] = "e1", ["page_title"] = "Café" }) + "\n");
        byte[] binary = [0x00, 0xFF, 0xFE, 0x41, 0x09, 0xC3, 0x28, 0x0A];
        var latin1 = System.Text.Encoding.Latin1.GetBytes(Line(new Dictionary<string, string> { ["collector_tstamp"] = "2024-03-01 10:00:02", ["event_id"] = "e2", ["page_title"] = "Café" }) + "\n");
        var good2 = System.Text.Encoding.UTF8.GetBytes(Line(new Dictionary<string, string> { ["collector_tstamp"] = "2024-03-01 10:00:03", ["event_id"] = "e3" }) + "\n");
        Directory.CreateDirectory(Path.Combine(project.Root, "in"));
        File.WriteAllBytes(Path.Combine(project.Root, "in", "mixed.tsv"), [.. good1, .. binary, .. latin1, .. good2]);

        var result = Assert.Single(LoadTsv(project, "in/mixed.tsv"));
        Assert.Equal((2L, 2L), (result.Loaded, result.Rejected));
        var rejects = File.ReadAllLines(result.RejectFile!);
        Assert.StartsWith("2,not UTF-8 text", rejects[1]);
        Assert.StartsWith("3,not UTF-8 text", rejects[2]);
        Assert.Equal(new[] { "e1|Café", "e3|" }, project.Query("select event_id || '|' || coalesce(page_title, '') from atomic.events order by event_id"));
    }

    [Fact]
    public void Contexts_derived_contexts_and_the_self_describing_event_land_in_their_typed_columns()
    {
        using var project = new TempProject();
        project.Write("in/enriched.tsv", string.Join("\n",
            Line(new Dictionary<string, string>
            {
                ["app_id"] = "site", ["platform"] = "web", ["collector_tstamp"] = "2024-03-01 10:00:00.123", ["event"] = "unstruct",
                ["event_id"] = "e1", ["domain_sessionidx"] = "3", ["br_cookies"] = "1", ["contexts"] = Flat(PageView),
                ["derived_contexts"] = Flat(Derived), ["unstruct_event"] = Flat(Vitals), ["event_name"] = "web_vitals",
            }),
            Line(new Dictionary<string, string> { ["collector_tstamp"] = "2024-03-01 10:00:01", ["event_id"] = "e2", ["event_name"] = "page_ping" }),
            "too\tfew\tfields",
            Line(new Dictionary<string, string> { ["collector_tstamp"] = "2024-03-01 10:00:02", ["event_id"] = "e3", ["contexts"] = "{broken" })) + "\n");

        var result = Assert.Single(LoadTsv(project, "in/enriched.tsv"));
        Assert.Equal((2L, 2L), (result.Loaded, result.Rejected));
        var rejects = File.ReadAllText(result.RejectFile!);
        Assert.Contains("expected 131 tab-separated fields", rejects);
        Assert.Contains("contexts: not valid JSON", rejects);

        Assert.Equal(new[] { "pv-1|true|Phone|1908.5|navigate|3|true" }, project.Query(
            "select contexts_com_snowplowanalytics_snowplow_web_page_1[1].id || '|' "
            + "|| contexts_com_iab_snowplow_spiders_and_robots_1[1].spider_or_robot || '|' "
            + "|| contexts_nl_basjes_yauaa_context_1[1].device_class || '|' "
            + "|| unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.lcp || '|' "
            + "|| unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.navigation_type || '|' "
            + "|| domain_sessionidx || '|' || br_cookies from atomic.events where event_id = 'e1'"));
        // An event without contexts has NULL context columns, not empty lists; load_tstamp is the load time.
        Assert.Equal(new[] { "true|true|true" }, project.Query(
            "select (contexts_com_snowplowanalytics_snowplow_web_page_1 is null) || '|' "
            + "|| (unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1 is null) || '|' || (load_tstamp is not null) "
            + "from atomic.events where event_id = 'e2'"));
    }

    [Fact]
    public void The_enriched_event_has_131_fields_in_Enrichs_order()
    {
        Assert.Equal(131, Fields.Count);
        Assert.Equal("contexts", Fields[52]);
        Assert.Equal("unstruct_event", Fields[58]);
        Assert.Equal("derived_contexts", Fields[122]);
        Assert.Equal("true_tstamp", Fields[^1]);
    }
}
