using DuckDB.NET.Data;
using ModelRunner.Core.Engines;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A statement the runner sends is bound and planned once. DuckDB.NET's commands prepare a statement and then execute
/// it, and DuckDB binds a prepared statement that reads the clock again when it runs — every Snowplow table has a
/// model_tstamp, so every such model's planning was paid twice. Binding is counted by a table function of the test's
/// own, whose bind callback DuckDB calls each time it binds a statement reading it.
/// </summary>
public sealed class AStatementIsBoundOnce : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");
    private readonly DuckDbSession _session;
    private int _binds;

    public AStatementIsBoundOnce()
    {
        _connection.Open();
        _connection.RegisterTableFunction("counted_rows", () =>
        {
            Interlocked.Increment(ref _binds);
            return new TableFunction([new DuckDB.NET.Data.ColumnInfo("n", typeof(int))], new[] { 1, 2, 3 });
        }, (item, writers, row) => writers[0].WriteValue((int)item!, row));
        _session = new DuckDbSession(_connection);
    }

    public void Dispose() => _session.Dispose();

    private long Count(string table) => Convert.ToInt64(_session.Query($"select count(*) from {table}").Rows[0][0]);

    [Fact]
    public void A_table_built_from_a_query_binds_the_query_once()
    {
        _session.Execute("create table t as select n, get_current_timestamp() as model_tstamp from counted_rows()");

        Assert.Equal(1, _binds);
        Assert.Equal(3, Count("t"));
    }

    [Fact]
    public void Statements_run_as_one_unit_bind_once_each()
    {
        _session.ExecuteAtomically(["create table a as select n, get_current_timestamp() as model_tstamp from counted_rows()",
            "insert into a select n + 10, get_current_timestamp() from counted_rows()"]);

        Assert.Equal(2, _binds);
        Assert.Equal(6, Count("a"));
    }

    [Fact]
    public void Several_statements_in_one_text_run_in_order_and_report_the_last_ones_rows()
    {
        var rows = _session.Execute("create table b (x int); insert into b values (1), (2); insert into b select x + 2 from b");

        Assert.Equal(2, rows);
        Assert.Equal(4, Count("b"));
    }

    [Fact]
    public void A_failing_statement_says_what_DuckDB_said_and_leaves_the_transaction_unapplied()
    {
        _session.Execute("create table c (x int)");

        var error = Assert.Throws<EngineException>(() =>
            _session.ExecuteAtomically(["insert into c values (1)", "insert into missing_table values (1)"]));

        Assert.Contains("missing_table", error.Message);
        Assert.StartsWith("Catalog Error", error.Message);
        Assert.Equal(0, Count("c"));
    }
}
