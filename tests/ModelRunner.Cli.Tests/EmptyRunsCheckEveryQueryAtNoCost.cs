using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `run --empty` / `build --empty`, as dbt's: refs and sources read no rows, so every model is built with its columns
/// and no rows, and a query that does not fit the real schemas fails as it would with data. Hooks keep the real relations.
/// </summary>
public class EmptyRunsCheckEveryQueryAtNoCost
{
    private static TempProject Project() => new TempProject(extraProjectYaml: "sources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: orders\n")
        .Write("models/daily.sql", "{{ config materialized: 'table' post_hook: 'insert into main.audit_log select count(*) from {{ ref \"orders_clean\" }}' }}"
            + "select order_date, sum(amount) as revenue from {{ ref 'orders_clean' }} group by all")
        .Write("models/orders_clean.sql", "{{ config materialized: 'table' }}select * from {{ source 'raw' 'orders' }} where amount > 0");

    private static void Seed(TempProject project)
    {
        using var engine = project.Open().Connect();
        using var session = engine.OpenSession();
        session.Execute("create schema if not exists raw");
        session.Execute("create table raw.orders as select * from (values (date '2024-01-01', 5), (date '2024-01-02', 7)) as t(order_date, amount)");
        session.Execute("create table main.audit_log (n bigint)");
    }

    [Fact]
    public void Every_model_is_built_with_its_columns_and_no_rows()
    {
        using var project = Project();
        Seed(project);
        var result = project.Cli("run", "--empty");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["0"], project.Query("select count(*) from main.daily"));
        Assert.Equal(["order_date|DATE", "revenue|HUGEINT"], project.Query(
            "select column_name, data_type from information_schema.columns where table_name = 'daily' order by ordinal_position"));
        // The post-hook read the real (empty) model, not an empty query of it: it ran as written.
        Assert.Equal(["0"], project.Query("select n from main.audit_log"));
    }

    [Fact]
    public void A_query_that_does_not_fit_the_schema_fails_as_it_would_with_data()
    {
        using var project = Project();
        Seed(project);
        project.Write("models/orders_clean.sql", "{{ config materialized: 'table' }}select order_date, amount, discount from {{ source 'raw' 'orders' }}");
        var result = project.Cli("run", "--empty");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("discount", result.All);
    }

    [Fact]
    public void The_repositorys_packages_build_empty_with_every_test_passing()
    {
        // Web, mobile and media read atomic.events through a join on DuckDB's rowid, which an empty query lacks: the
        // macro asks is_empty and joins on the event's key instead.
        using var project = TempProject.CopyOfRepositoryProject();
        Assert.Equal(0, project.Cli("events", "generate", "--events", "5000").ExitCode);
        var result = project.Cli("build", "--empty");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["0"], project.Query("select count(*) from main_derived.snowplow_web_sessions"));
        Assert.Equal(["0"], project.Query("select count(*) from main_derived.snowplow_mobile_sessions"));
    }
}
