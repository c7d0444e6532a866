using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;

namespace ModelRunner.Databricks.Tests;

public class DeltaTableOptionsComeFromConfig
{
    private static readonly DatabricksDialect Dialect = new();
    private static readonly Relation Table = new("main", "derived", "page_views");

    private static TableOptions Options(params (string Key, object? Value)[] config) =>
        TableOptions.From(NodeConfig.Empty.With(config.Select(c => new KeyValuePair<string, object?>(c.Key, c.Value))));

    [Fact]
    public void Partitioning_and_properties_are_written_into_the_create_statement()
    {
        var sql = Dialect.CreateOrReplaceTableAs(Table, "select 1", Options(("partition_by", "start_tstamp_date"),
            ("tblproperties", new Dictionary<string, object?> { ["delta.autoOptimize.optimizeWrite"] = "true" })));
        Assert.Equal("create or replace table `main`.`derived`.`page_views` using delta partitioned by (`start_tstamp_date`) "
            + "tblproperties ('delta.autoOptimize.optimizeWrite' = 'true') as\nselect 1", sql);
    }

    [Fact]
    public void Liquid_clustering_is_cluster_by_and_excludes_partitioning()
    {
        Assert.Contains("using delta cluster by (`domain_userid`, `start_tstamp`) as", Dialect.CreateTableAs(Table, "select 1",
            Options(("cluster_by", new List<object?> { "domain_userid", "start_tstamp" }))));
        Assert.Throws<EngineException>(() => Dialect.CreateTableAs(Table, "select 1", Options(("cluster_by", "a"), ("partition_by", "b"))));
    }

    [Fact]
    public void Zorder_by_adds_an_optimize_after_each_build_and_other_engines_ignore_it()
    {
        var options = Options(("zorder_by", new List<object?> { "page_view_id" }));
        Assert.Equal(["optimize `main`.`derived`.`page_views` zorder by (`page_view_id`)"], Dialect.AfterBuild(Table, options));
        Assert.Empty(new DuckDb.DuckDbDialect().AfterBuild(Table, options));
        Assert.DoesNotContain("partition", new DuckDb.DuckDbDialect().CreateTableAs(Table, "select 1", Options(("partition_by", "d"))));
    }
}

public class InsertOverwriteIsOneReplaceWhere
{
    [Fact]
    public void The_partition_values_of_the_new_rows_become_a_literal_predicate()
    {
        var sql = new DatabricksDialect().InsertReplaceWhere(new Relation("main", "derived", "daily"), new Relation("main", "derived", "daily__mr_new"),
            ["day", "app"], [[new DateOnly(2024, 1, 2), "web"], [new DateOnly(2024, 1, 3), null]], ["day", "app", "n"]);
        Assert.Equal("insert into `main`.`derived`.`daily` replace where (`day` = date '2024-01-02' and `app` = 'web') or (`day` = date '2024-01-03' and `app` is null)\n"
            + "select `day`, `app`, `n` from `main`.`derived`.`daily__mr_new`", sql);
    }
}
