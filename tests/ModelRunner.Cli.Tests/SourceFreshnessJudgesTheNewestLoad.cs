using System.Text.Json;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`source freshness`, as dbt's: the newest loaded_at_field of each source table against warn_after / error_after.</summary>
public class SourceFreshnessJudgesTheNewestLoad
{
    private static TempProject Project(string freshness) => new TempProject(extraProjectYaml: $$"""
        sources:
          - name: raw
            schema: raw
            loaded_at_field: loaded_at
            freshness: {{freshness}}
            tables:
              - name: fresh
              - name: stale
              - name: old_but_filtered
                freshness: {warn_after: {count: 1, period: hour}, filter: "kind = 'keep'"}
              - name: unchecked
                freshness: null
        """).Write("models/a.sql", "select 1 as id");

    private static void Load(TempProject project)
    {
        using var engine = project.Open().Connect();
        using var session = engine.OpenSession();
        session.Execute("create schema raw");
        session.Execute("create table raw.fresh as select (now() - interval 10 minute)::timestamp as loaded_at");
        session.Execute("create table raw.stale as select (now() - interval 3 day)::timestamp as loaded_at");
        session.Execute("create table raw.old_but_filtered as select * from (values ((now() - interval 30 minute)::timestamp, 'keep'), "
            + "((now() - interval 5 day)::timestamp, 'drop')) t(loaded_at, kind)");
        session.Execute("create table raw.unchecked as select (now() - interval 30 day)::timestamp as loaded_at");
    }

    [Fact]
    public void Each_table_passes_warns_or_errors_and_the_results_are_written()
    {
        using var project = Project("{warn_after: {count: 2, period: hour}, error_after: {count: 1, period: day}}");
        Load(project);
        var result = project.Cli("source", "freshness");
        Assert.Equal(1, result.ExitCode); // stale is past error_after
        Assert.Contains("PASS          freshness of raw.fresh", result.Output);
        Assert.Contains("ERROR STALE   freshness of raw.stale", result.Output);
        Assert.Contains("PASS          freshness of raw.old_but_filtered", result.Output); // the dropped rows do not count
        Assert.DoesNotContain("raw.unchecked", result.Output);
        using var sources = JsonDocument.Parse(project.Read("target/sources.json"));
        var statuses = sources.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("error", statuses["source.testproj.raw.stale"]);
        Assert.Equal("pass", statuses["source.testproj.raw.fresh"]);

        var warnOnly = project.Cli("source", "freshness", "-s", "source:raw.stale", "source:raw.fresh");
        Assert.Equal(1, warnOnly.ExitCode);
        Assert.DoesNotContain("old_but_filtered", warnOnly.Output);
    }

    [Fact]
    public void Warnings_alone_leave_the_exit_code_at_zero()
    {
        using var project = Project("{warn_after: {count: 1, period: minute}}");
        Load(project);
        var result = project.Cli("source", "freshness", "-s", "source:raw.stale");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("WARN          freshness of raw.stale", result.Output);
    }
}
