using DuckDB.NET.Data;

namespace ModelRunner.Benchmarks;

/// <summary>Statements sent straight to a DuckDB connection by the floors, which measure DuckDB alone.</summary>
internal static class DirectStatements
{
    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
