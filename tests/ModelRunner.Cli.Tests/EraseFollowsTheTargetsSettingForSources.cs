using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `erase` on a plain project: a person's rows go from the sources and from every model's table, found by their
/// identifying columns; with <c>erase_sources: false</c> on the target (the loader owns atomic.events and erases there)
/// the sources are left to it; a view is left to recompute itself.
/// </summary>
public class EraseFollowsTheTargetsSettingForSources
{
    private static TempProject Project(bool eraseSources)
    {
        var project = new TempProject(extraProjectYaml: "sources:\n  - name: raw\n    tables:\n      - name: visits\n")
            .Write("models/by_user.sql", "{{ config materialized: 'table' }}select domain_userid, count(*) as visits from {{ source 'raw' 'visits' }} group by 1")
            .Write("models/totals.sql", "{{ config materialized: 'table' }}select sum(visits) as visits from {{ ref 'by_user' }}")
            .Write("models/recent.sql", "{{ config materialized: 'view' }}select * from {{ source 'raw' 'visits' }}");
        if (!eraseSources)
            project.Write("profiles/profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: db/test.duckdb\n      schema: main\n      erase_sources: false\n");
        using (var engine = project.Open().Connect())
        using (var session = engine.OpenSession())
        {
            session.Execute("create schema raw");
            session.Execute("create table raw.visits as select case when range % 3 = 0 then 'ann' else 'bob' end as domain_userid, range as n from range(9)");
        }
        Assert.Equal(0, project.Cli("run").ExitCode);
        return project;
    }

    [Fact]
    public void Sources_are_erased_unless_the_target_leaves_them_to_the_loader()
    {
        using var everywhere = Project(eraseSources: true);
        var erased = everywhere.Cli("erase", "--user", "ann");
        Assert.Equal(0, erased.ExitCode);
        Assert.Contains("deleted        3 row(s) from raw.visits", erased.Output);
        Assert.Contains("deleted        1 row(s) from main.by_user", erased.Output);
        Assert.Contains("Rebuilding what counts over people: totals", erased.Output);
        Assert.Equal(["6"], everywhere.Query("select visits from main.totals"));
        Assert.Equal(["0"], everywhere.Query("select count(*) from main.recent where domain_userid = 'ann'"));

        using var loaderOwned = Project(eraseSources: false);
        var kept = loaderOwned.Cli("erase", "--user", "ann");
        Assert.Equal(0, kept.ExitCode);
        Assert.DoesNotContain("raw.visits", kept.Output);
        Assert.Equal(["3"], loaderOwned.Query("select count(*) from raw.visits where domain_userid = 'ann'"));
        Assert.Equal(["0"], loaderOwned.Query("select count(*) from main.by_user where domain_userid = 'ann'"));
    }
}
