using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// DuckDB has no clustering clause: a table's <c>cluster_by</c> is honoured by writing its rows in that order, its first
/// build and every batch of new rows after it. Each row group then holds a narrow range of the column (its min and max are
/// kept), so an upsert of the last days deletes from the last row groups only, and the checkpoint rewrites those alone.
/// </summary>
public class ClusterByOrdersTheRowsDuckDbWrites
{
    // k is a permutation of 0..999 that is far from sorted in i's order.
    private static TempProject Project(string config) =>
        new TempProject(extraProjectYaml: "on-run-start:\n  - \"create or replace table main.src as select (i * 7919) % 1000 + {{ var 'offset' }} as k, i from range(1000) t(i)\"\n")
            .Write("models/events_by_k.sql", "{{ config " + config + " }}select k, i from main.src");

    private static bool StoredInOrderOfK(TempProject project, string where = "true") =>
        project.Query($"select bool_and(k >= previous) from (select k, lag(k) over (order by rowid) as previous from main.events_by_k where {where}) "
            + "where previous is not null").Single() == "True";

    [Fact]
    public void A_table_with_cluster_by_is_written_in_that_order_and_one_without_in_the_querys()
    {
        using var clustered = Project("materialized: 'table' cluster_by: 'k'");
        Assert.False(clustered.Run(vars: "offset: 0").Failed);
        Assert.True(StoredInOrderOfK(clustered));

        using var plain = Project("materialized: 'table'");
        Assert.False(plain.Run(vars: "offset: 0").Failed);
        Assert.False(StoredInOrderOfK(plain));
    }

    [Fact]
    public void New_rows_of_an_incremental_table_are_appended_in_cluster_order_after_the_rows_it_kept()
    {
        using var project = Project("materialized: 'incremental' unique_key: 'i' incremental_strategy: 'delete+insert' cluster_by: 'k'");
        Assert.False(project.Run(vars: "offset: 0").Failed);
        Assert.True(StoredInOrderOfK(project));

        // Every row comes again with k moved up by 1000: deleted and inserted, the new rows after the old ones' place, in order.
        var results = project.Run(vars: "offset: 1000");
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(["1000|1000|1999"], project.Query("select count(*), min(k), max(k) from main.events_by_k"));
        Assert.True(StoredInOrderOfK(project));
    }

    [Fact]
    public void A_cluster_by_column_the_model_does_not_have_fails_the_model_and_names_the_column()
    {
        using var project = Project("materialized: 'table' cluster_by: 'day'");
        var results = project.Run(vars: "offset: 0");
        Assert.Equal(NodeStatus.Error, results.StatusOf("events_by_k"));
        Assert.StartsWith("model 'events_by_k' (models/events_by_k.sql) failed: ", results.Result("events_by_k").Message, StringComparison.Ordinal);
        Assert.Contains("\"day\"", results.Result("events_by_k").Message, StringComparison.Ordinal);
    }
}
