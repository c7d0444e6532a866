using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A run reads which relations exist once per schema (the schemas it builds in, all in one listing) and keeps that knowledge up to date itself, as dbt's relation
/// cache does, instead of asking the database before every build (a round trip per model, costly on a warehouse);
/// hooks run SQL it cannot follow, so after them it reads again, unless each hook only read or changed rows.
/// </summary>
public class TheRunAsksWhatExistsOncePerSchema
{
    private static TempProject Project(string? extraProjectYaml = null) => new TempProject(extraProjectYaml: extraProjectYaml)
        .Write("models/a.sql", "{{ config materialized: 'table' }}select 1 as id")
        .Write("models/b.sql", "select id from {{ ref 'a' }}")
        .Write("models/c.sql", "{{ config materialized: 'incremental' unique_key: 'id' }}select id from {{ ref 'b' }}")
        .Write("models/d.sql", "{{ config materialized: 'table' schema: 'other' }}select id from {{ ref 'c' }}");

    [Fact]
    public void A_second_run_reads_each_schema_once_and_asks_nothing_more_before_building()
    {
        using var project = Project();
        Assert.False(project.RunObserved(out _).Failed);
        var results = project.RunObserved(out var calls);
        Assert.False(results.Failed);
        Assert.Equal(1, calls.SchemaListings); // main and main_other, once each, in one listing
        Assert.DoesNotContain(calls.Statements, s => s.StartsWith("create schema", StringComparison.OrdinalIgnoreCase)); // both exist
        Assert.Equal(new[] { "BASE TABLE|a", "BASE TABLE|c", "BASE TABLE|d", "VIEW|b" },
            project.Query("select table_type, table_name from information_schema.tables order by all"));
    }

    [Fact]
    public void A_post_hook_that_creates_a_relation_is_seen_by_the_models_after_it()
    {
        using var project = new TempProject()
            .Write("models/a.sql", "{{ config materialized: 'table' post_hook: 'create view main.b as select 0 as id' }}select 1 as id")
            .Write("models/b.sql", "{{ config materialized: 'table' }}select id + 1 as id from {{ ref 'a' }}");
        var results = project.RunObserved(out _);
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(new[] { "BASE TABLE|2" }, project.Query("select t.table_type, b.id from main.b, information_schema.tables t where t.table_name = 'b'"));
    }

    [Fact]
    public void An_on_run_start_hook_that_turns_a_table_into_a_view_is_seen()
    {
        using var project = Project();
        Assert.False(project.RunObserved(out _).Failed);
        project.Write("models.yml", "name: testproj\nprofile: test\non-run-start: [\"drop table main.a\", \"create view main.a as select 0 as id\"]\n");
        var results = project.RunObserved(out _);
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(new[] { "BASE TABLE" }, project.Query("select table_type from information_schema.tables where table_name = 'a'"));
    }

    // Without hooks: main and main_other in one listing. A hook that may change a schema: both again after the hooks.
    [Theory]
    [InlineData("[\"select 1\", \"delete from main.a where id < 0\"]", 1)]
    [InlineData("[\"select 1\", \"create table if not exists main.z (id int)\"]", 2)]
    public void On_run_start_hooks_have_the_schemas_read_again_only_when_they_may_change_one(string hooks, int listings)
    {
        using var project = Project();
        Assert.False(project.RunObserved(out _).Failed);
        project.Write("models.yml", $"name: testproj\nprofile: test\non-run-start: {hooks}\n");
        var results = project.RunObserved(out var calls);
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(listings, calls.SchemaListings);
    }
}
