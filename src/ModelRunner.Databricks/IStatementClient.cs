using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>A transport to a SQL warehouse (ODBC or the HTTP Statement Execution API); parameters are '?' markers in order.</summary>
public interface IStatementClient : IDisposable
{
    long Execute(string sql, params object?[] parameters);
    QueryResult Query(string sql, int? maxRows = null, params object?[] parameters);

    /// <summary>Stops the statement running now, from another thread (the run was cancelled).</summary>
    void Cancel();
}
