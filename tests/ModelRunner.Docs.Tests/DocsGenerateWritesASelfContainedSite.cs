using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelRunner.Docs.Tests;

/// <summary>`docs generate` writes one page holding everything it shows, and dbt's catalog.json beside it.</summary>
public sealed class DocsGenerateWritesASelfContainedSite(DocumentedProject docs) : IClassFixture<DocumentedProject>
{
    private JsonElement Data()
    {
        var html = File.ReadAllText(Path.Combine(docs.Target, "index.html"));
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"mr-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private JsonElement Node(string id) => Data().GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id);

    [Fact]
    public void The_page_fetches_nothing_from_anywhere()
    {
        var html = File.ReadAllText(Path.Combine(docs.Target, "index.html"));
        Assert.DoesNotMatch(new Regex("<(script|link|img|iframe)[^>]+(src|href)=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("fetch(", html);
    }

    [Fact]
    public void Every_model_seed_source_and_test_is_in_it()
    {
        var nodes = Data().GetProperty("nodes").EnumerateArray().ToList();
        var listed = docs.Run("ls", "--resource-type", "model", "seed", "test", "unit_test").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var names = nodes.Select(n => n.GetProperty("name").GetString()).ToHashSet();
        Assert.All(listed, name => Assert.Contains(name, names));
        Assert.Contains(nodes, n => n.GetProperty("type").GetString() == "source" && n.GetProperty("name").GetString() == "atomic.events");
        Assert.Contains(nodes, n => n.GetProperty("type").GetString() == "unit_test");
    }

    [Fact]
    public void A_model_carries_descriptions_database_types_compiled_sql_and_its_tests_last_results()
    {
        var sessions = Node("model.snowplow_web_sessions");
        Assert.False(string.IsNullOrEmpty(sessions.GetProperty("description").GetString()));
        var columns = sessions.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal("VARCHAR", columns.Single(c => c.GetProperty("name").GetString() == "domain_sessionid").GetProperty("type").GetString());
        Assert.Equal("BOOLEAN", columns.Single(c => c.GetProperty("name").GetString() == "is_engaged").GetProperty("type").GetString());
        Assert.Contains("from", sessions.GetProperty("sql").GetString());
        Assert.Equal("success", sessions.GetProperty("status").GetProperty("status").GetString());
        var test = sessions.GetProperty("tests").EnumerateArray().Select(t => t.GetString()!).First(t => t.StartsWith("test.", StringComparison.Ordinal));
        Assert.Equal("pass", Node(test).GetProperty("status").GetProperty("status").GetString());
        Assert.Contains("select", Node(test).GetProperty("sql").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("source.", string.Join(' ', Node("model.snowplow_web_base_events_this_run").GetProperty("parents").EnumerateArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_is_dbts_with_every_built_relation_and_its_column_types()
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(docs.Target, "catalog.json")));
        var sessions = catalog.RootElement.GetProperty("nodes").GetProperty("model.snowplow_web_sessions");
        Assert.Equal("BASE TABLE", sessions.GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal("BIGINT", sessions.GetProperty("columns").GetProperty("page_views").GetProperty("type").GetString());
        Assert.Equal(1, sessions.GetProperty("columns").GetProperty("app_id").GetProperty("index").GetInt32());
        Assert.True(catalog.RootElement.GetProperty("sources").TryGetProperty(Data().GetProperty("nodes").EnumerateArray()
            .First(n => n.GetProperty("type").GetString() == "source").GetProperty("id").GetString()!, out _));
        Assert.StartsWith("https://schemas.getdbt.com/dbt/catalog/", catalog.RootElement.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
    }

    [Fact]
    public void Offline_it_needs_no_database_and_writes_no_catalog()
    {
        using var fresh = TestSupport.TempProject.CopyOfRepositoryProject();
        var output = new StringWriter();
        var code = ModelRunner.Cli.CliApp.Run(["docs", "generate", "--offline", "--project-dir", fresh.Root], output, output, new Dictionary<string, string>());
        Assert.True(code == 0, output.ToString());
        Assert.True(File.Exists(Path.Combine(fresh.Root, "target", "index.html")));
        Assert.False(File.Exists(Path.Combine(fresh.Root, "target", "catalog.json")));
        Assert.False(Directory.Exists(Path.Combine(fresh.Root, "data")) && Directory.EnumerateFiles(Path.Combine(fresh.Root, "data")).Any(), "no database created");
        Assert.Contains("offline", output.ToString());
    }
}
