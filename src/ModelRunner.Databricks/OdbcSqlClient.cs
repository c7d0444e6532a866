using System.Data;
using System.Data.Odbc;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>
/// Statements over ODBC (System.Data.Odbc through the platform's driver manager: unixODBC on Linux). Command
/// timeouts come from the target, transient failures (connection lost, warehouse starting, throttling) are retried
/// with backoff, SQL errors never are, and errors carry SQLSTATE and the server's message — never the connection
/// string, which holds secrets.
/// </summary>
public sealed class OdbcSqlClient(string connectionString, string driver, TimeSpan queryTimeout, RetryPolicy retry) : IStatementClient
{
    private OdbcConnection? _connection;

    public long Execute(string sql, params object?[] parameters) =>
        retry.Run(() => WithCommand(sql, parameters, command => (long)command.ExecuteNonQuery()));

    public QueryResult Query(string sql, int? maxRows = null, params object?[] parameters) =>
        retry.Run(() => WithCommand(sql, parameters, command =>
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while ((maxRows is null || rows.Count < maxRows) && reader.Read())
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                for (var i = 0; i < row.Length; i++) if (row[i] is DBNull) row[i] = null;
                rows.Add(row);
            }
            return new QueryResult(columns, rows);
        }));

    // The command running now, for Cancel (ODBC's SQLCancel, from another thread).
    private OdbcCommand? _running;

    public void Cancel()
    {
        try { _running?.Cancel(); }
        catch (Exception e) when (e is OdbcException or ObjectDisposedException or InvalidOperationException) { } // finished meanwhile
    }

    private T WithCommand<T>(string sql, object?[] parameters, Func<OdbcCommand, T> run)
    {
        var connection = Open();
        using var command = _running = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)Math.Min(int.MaxValue, queryTimeout.TotalSeconds);
        foreach (var value in parameters) command.Parameters.Add(new OdbcParameter { Value = value ?? DBNull.Value });
        try
        {
            return run(command);
        }
        catch (OdbcException e)
        {
            var mapped = OdbcErrors.Map(e, driver);
            // A connection that failed in transit is opened afresh on the next attempt.
            if (mapped is DatabricksFailure { Transient: true }) Reset();
            throw mapped;
        }
    }

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private OdbcConnection Open()
    {
        if (_connection is { State: ConnectionState.Open }) return _connection;
        _connection?.Dispose();
        _connection = new OdbcConnection(connectionString);
        try
        {
            _connection.Open();
        }
        catch (OdbcException e)
        {
            _connection.Dispose();
            _connection = null;
            throw OdbcErrors.Map(e, driver);
        }
        return _connection;
    }

    public void Dispose() => _connection?.Dispose();
}
