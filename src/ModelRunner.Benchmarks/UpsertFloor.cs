using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using static ModelRunner.Benchmarks.DirectStatements;

namespace ModelRunner.Benchmarks;

/// <summary>
/// What an incremental run's upserts cost at the least, measured with DuckDB statements alone. On a copy of the database
/// as the full refresh left it, exactly the rows the incremental run changed in each table it upserted (the rows of the
/// table after the run that are not in it before: new rows and rewritten ones) replace the rows of their keys, inserted
/// in cluster_by order, and are checkpointed: <see cref="Figures.Replace"/>. Then the same rows are written into new
/// empty tables and checkpointed: <see cref="Figures.Fresh"/>. A full refresh writes every row once into an empty table,
/// so its rate covers writing the run's rows; what replacing them in tables that hold the history costs beyond that is
/// the difference. It counts only what changed (a row the run rewrote unchanged is left alone) and none of the finding
/// of the rows: a floor, not an estimate.
/// </summary>
public static class UpsertFloor
{
    // The statements are the dialect's: the delete is the one a delete+insert run sends.
    private static readonly DuckDbDialect Dialect = new();

    /// <summary>A table an incremental run upserted: its relation, its unique key, its cluster_by columns.</summary>
    public sealed record Table(Relation Relation, IReadOnlyList<string> Key, IReadOnlyList<string> ClusterBy);

    public sealed record Figures(TimeSpan Replace, TimeSpan Fresh, long Rows, int Tables)
    {
        /// <summary>Replacing the rows beyond writing them; never below zero.</summary>
        public TimeSpan Beyond => Replace > Fresh ? Replace - Fresh : TimeSpan.Zero;
    }

    /// <summary>The tables the run upserted (a delete+insert or a merge by unique key) that outlive the run.</summary>
    public static List<Table> UpsertedTables(Workspace workspace, RunResults incremental) =>
        incremental.Nodes
            .Where(n => n.Status == NodeStatus.Success && n.Message is "DELETE+INSERT" or "MERGE")
            .Select(n => workspace.Dag.ByName[n.Name])
            .Where(node => !workspace.Namer.IsRunScoped(node) && !node.Config.UniqueKey.IsDefaultOrEmpty)
            .Select(node => new Table(workspace.Namer.RelationOf(node), node.Config.UniqueKey,
                TableOptions.From(node.Config).ClusterBy))
            .ToList();

    /// <param name="before">A copy of the database file as the full refresh left it; changed by the measurement.</param>
    /// <param name="after">The database file after the incremental run; read only.</param>
    public static Figures Measure(string before, string after, IReadOnlyList<Table> tables)
    {
        using var connection = new DuckDBConnection($"DataSource={before}");
        connection.Open();
        Execute(connection, $"attach {Dialect.QuoteString(after)} as __mr_after (read_only)");
        long rows = 0;
        var changed = tables.Select((_, i) => Dialect.SessionTempRelation($"__mr_changed_{i}")).ToList();
        for (var i = 0; i < tables.Count; i++)
        {
            var table = Dialect.Render(tables[i].Relation);
            // Not timed: the run found these rows by computing them, which its share of the full refresh's rate covers.
            Execute(connection, Dialect.CreateSessionTempTableAs(changed[i], $"select * from __mr_after.{table} except all select * from {table}"));
            rows += Convert.ToInt64(Scalar(connection, $"select count(*) from {Dialect.Render(changed[i])}"), CultureInfo.InvariantCulture);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tables.Count; i++)
        {
            var (relation, key, clusterBy) = tables[i];
            Execute(connection, "begin");
            Execute(connection, Dialect.DeleteMatching(relation, changed[i], key));
            Execute(connection, $"insert into {Dialect.Render(relation)} select * from {Dialect.Render(changed[i])}{OrderBy(clusterBy)}");
            Execute(connection, "commit");
        }
        Execute(connection, "checkpoint");
        var replace = clock.Elapsed;

        clock.Restart();
        for (var i = 0; i < tables.Count; i++)
        {
            var fresh = Dialect.Render(tables[i].Relation with { Identifier = $"__mr_fresh_{i}" });
            Execute(connection, $"create table {fresh} as select * from {Dialect.Render(tables[i].Relation)} where false");
            Execute(connection, $"insert into {fresh} select * from {Dialect.Render(changed[i])}{OrderBy(tables[i].ClusterBy)}");
        }
        Execute(connection, "checkpoint");
        return new Figures(replace, clock.Elapsed, rows, tables.Count);
    }

    private static string OrderBy(IReadOnlyList<string> columns) =>
        columns.Count == 0 ? "" : " order by " + string.Join(", ", columns.Select(Dialect.QuoteIdentifier));
}
