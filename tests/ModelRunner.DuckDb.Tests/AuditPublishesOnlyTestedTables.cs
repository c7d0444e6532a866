using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>`build --audit`: a table or incremental model is built into staging, tested there, and swapped in only if its tests pass.</summary>
public class AuditPublishesOnlyTestedTables
{
    private const string Tests = "models:\n  - name: scores\n    columns:\n      - name: score\n        data_tests: [not_null]\n";

    private static TempProject Project(string scoresSql) => new TempProject()
        .Write("models/scores.sql", scoresSql)
        .Write("models/report.sql", "select count(*) as n from {{ ref 'scores' }}")
        .Write("models/scores.yml", Tests);

    [Fact]
    public void A_failing_test_leaves_the_published_table_untouched_and_keeps_staging()
    {
        using var project = Project("{{ config materialized: 'table' }}\nselect * from (values (1), (2)) as t(score)");
        Assert.False(project.Build(audit: true).Failed);

        project.Write("models/scores.sql", "{{ config materialized: 'table' }}\nselect * from (values (3), (null), (4)) as t(score)");
        var results = project.Build(audit: true);

        Assert.Equal(NodeStatus.Error, results.StatusOf("scores"));
        Assert.Contains("was not published", results.Result("scores").Message);
        Assert.Equal(NodeStatus.Fail, results.StatusOf("not_null_scores_score"));
        Assert.Equal(NodeStatus.Skipped, results.StatusOf("report"));
        Assert.Equal(["1", "2"], project.Query("select score from main.scores order by 1"));
        Assert.Equal(["3", "4", "NULL"], project.Query("select score from main.scores__mr_audit order by 1 nulls last"));
    }

    [Fact]
    public void Passing_tests_publish_the_new_table_and_drop_staging()
    {
        using var project = Project("{{ config materialized: 'table' }}\nselect * from (values (1), (2)) as t(score)");
        project.Build(audit: true);
        project.Write("models/scores.sql", "{{ config materialized: 'table' }}\nselect * from (values (5)) as t(score)");

        var results = project.Build(audit: true);

        Assert.False(results.Failed);
        Assert.Contains("published", results.Result("scores").Message);
        Assert.Equal(["5"], project.Query("select score from main.scores"));
        Assert.Equal(["0"], project.Query("select count(*) from information_schema.tables where table_name = 'scores__mr_audit'"));
    }

    [Fact]
    public void An_incremental_model_gets_its_new_rows_only_when_they_pass()
    {
        const string Incremental = "{{ config materialized: 'incremental' }}\nselect * from {{ ref 'incoming' }}"
            + "\n{{ if is_incremental }}where id > (select max(id) from {{ this }}){{ end }}";
        using var project = new TempProject()
            .Write("models/incoming.sql", "select * from (values (1, 10), (2, 20)) as t(id, score)")
            .Write("models/scores.sql", Incremental)
            .Write("models/scores.yml", Tests);
        Assert.False(project.Build(audit: true).Failed);

        project.Write("models/incoming.sql", "select * from (values (1, 10), (2, 20), (3, null)) as t(id, score)");
        Assert.True(project.Build(audit: true).Failed);
        Assert.Equal(["1", "2"], project.Query("select id from main.scores order by 1"));

        project.Write("models/incoming.sql", "select * from (values (1, 10), (2, 20), (3, 30)) as t(id, score)");
        Assert.False(project.Build(audit: true).Failed);
        Assert.Equal(["1", "2", "3"], project.Query("select id from main.scores order by 1"));
    }

    [Fact]
    public void Views_are_not_staged_and_their_tests_run_after_them()
    {
        using var project = Project("select * from (values (1)) as t(score)");
        var results = project.Build(audit: true);
        Assert.False(results.Failed);
        Assert.DoesNotContain("audited", results.Result("scores").Message);
        Assert.Equal(NodeStatus.Pass, results.StatusOf("not_null_scores_score"));
    }
    [Fact]
    public void A_post_hook_on_this_acts_on_staging_so_the_tests_and_the_published_table_see_it()
    {
        // As the mobile package's stitching hook does: the first audited build has no published table for `this` yet.
        using var project = new TempProject()
            .Write("models/scores.sql", "{{ config materialized: 'table' post_hook: 'update {{ this }} set score = 0 where score is null' }}\n"
                + "select * from (values (1), (null)) as t(score)")
            .Write("models/scores.yml", Tests);

        var results = project.Build(audit: true);

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(r => r.Message)));
        Assert.Equal(["0", "1"], project.Query("select score from main.scores order by 1"));
    }

    [Fact]
    public void A_test_reading_a_model_built_later_runs_after_it_instead_of_gating_the_first_build()
    {
        // A relationships test from scores to a model built from scores cannot run against staging: it runs on its own, after both.
        using var project = new TempProject()
            .Write("models/scores.sql", "{{ config materialized: 'table' }}\nselect * from (values (1), (2)) as t(score)")
            .Write("models/known.sql", "{{ config materialized: 'table' }}\nselect score from {{ ref 'scores' }}")
            .Write("models/scores.yml", "models:\n  - name: scores\n    columns:\n      - name: score\n        data_tests:\n          - not_null\n"
                + "          - relationships: {to: ref('known'), field: score}\n");

        var results = project.Build(audit: true);

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(r => r.Message)));
        Assert.Contains("1 test(s) passed, published", results.Result("scores").Message);
        Assert.Equal(NodeStatus.Pass, results.Nodes.Single(r => r.Name.StartsWith("relationships_", StringComparison.Ordinal)).Status);
    }
}
