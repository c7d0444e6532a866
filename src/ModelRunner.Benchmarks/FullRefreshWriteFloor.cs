using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using static ModelRunner.Benchmarks.DirectStatements;

namespace ModelRunner.Benchmarks;

/// <summary>
/// What writing a full refresh's tables costs DuckDB alone, with nothing computed: on a copy of the database as the full
/// refresh left it, the rows of every table it wrote that outlives the run are first copied into memory (not timed),
/// then written from there into new tables of the database file and checkpointed (timed). The full refresh writes the
/// same rows into the same kind of tables, so no run can take less; with the run's fixed cost (a run with no new event)
/// it bounds the events per second a full refresh can reach on this machine.
/// </summary>
public static class FullRefreshWriteFloor
{
    private static readonly DuckDbDialect Dialect = new();

    public sealed record Figures(TimeSpan Write, long Rows, int Tables, IReadOnlyList<TableWrite> ByTable, TimeSpan Checkpoint);

    /// <summary>
    /// One table's copy, timed alone: the statement (which compresses and writes every full row group) and its commit;
    /// what stays in DuckDB's log is written by the checkpoint that ends the floor, timed apart.
    /// </summary>
    public sealed record TableWrite(Relation Table, long Rows, int Columns, TimeSpan Write);

    /// <summary>The tables whose copies took longest, as the benchmark prints them.</summary>
    public static string Largest(Figures figures, int count) =>
        string.Join(", ", figures.ByTable.OrderByDescending(t => t.Write).Take(count).Select(t =>
            $"{t.Table.Identifier} {t.Rows:N0} rows of {t.Columns} columns {t.Write.TotalSeconds:0.00} s"))
        + $"; the checkpoint after them {figures.Checkpoint.TotalSeconds:0.00} s";

    /// <summary>The tables (and incremental tables) the run built that outlive it.</summary>
    public static List<Relation> WrittenTables(Workspace workspace, RunResults full) =>
        full.Nodes
            .Where(n => n.Status == NodeStatus.Success && workspace.Dag.ByName.ContainsKey(n.Name))
            .Select(n => workspace.Dag.ByName[n.Name])
            .Where(node => node.Config.Materialized is "table" or "incremental" && !workspace.Namer.IsRunScoped(node))
            .Select(node => workspace.Namer.RelationOf(node))
            .ToList();

    /// <param name="database">A copy of the database file as the full refresh left it; left as it was found.</param>
    public static Figures Measure(string database, IReadOnlyList<Relation> tables)
    {
        using var connection = new DuckDBConnection($"DataSource={database}");
        connection.Open();
        Execute(connection, "attach ':memory:' as __mr_rows");
        var counts = new long[tables.Count];
        var columns = new int[tables.Count];
        for (var i = 0; i < tables.Count; i++)
        {
            Execute(connection, $"create table __mr_rows.main.t{i} as select * from {Dialect.Render(tables[i])}");
            counts[i] = Convert.ToInt64(Scalar(connection, $"select count(*) from __mr_rows.main.t{i}"), CultureInfo.InvariantCulture);
            columns[i] = Convert.ToInt32(Scalar(connection,
                $"select count(*) from duckdb_columns() where database_name = '__mr_rows' and table_name = 't{i}'"), CultureInfo.InvariantCulture);
        }
        var written = tables.Select((t, i) => Dialect.Render(t with { Identifier = $"__mr_written_{i}" })).ToList();
        var byTable = new List<TableWrite>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tables.Count; i++)
        {
            var started = clock.Elapsed;
            Execute(connection, $"create table {written[i]} as select * from __mr_rows.main.t{i}");
            byTable.Add(new TableWrite(tables[i], counts[i], columns[i], clock.Elapsed - started));
        }
        var beforeCheckpoint = clock.Elapsed;
        Execute(connection, "checkpoint");
        var write = clock.Elapsed;
        foreach (var table in written) Execute(connection, $"drop table {table}");
        Execute(connection, "detach __mr_rows");
        Execute(connection, "checkpoint");
        return new Figures(write, counts.Sum(), tables.Count, byTable, write - beforeCheckpoint);
    }
}
