using Dapper;
using DuckDB.NET.Data;
using ModelRunner.Core.Engines;
using ColumnInfo = ModelRunner.Core.Engines.ColumnInfo;

namespace ModelRunner.DuckDb;

/// <summary>One DuckDB connection; database errors become <see cref="EngineException"/> with DuckDB's message.</summary>
public sealed class DuckDbSession(DuckDBConnection connection) : IEngineSession
{
    public long Execute(string sql) => Guard(() =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteNonQuery();
    });

    public QueryResult Query(string sql, int? maxRows = null) => Guard(() =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while ((maxRows is null || rows.Count < maxRows) && reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    });

    public RelationKind GetRelationKind(Relation relation) => Guard(() =>
    {
        var type = connection.QueryFirstOrDefault<string>(
            "select table_type from information_schema.tables where table_schema = $schema and table_name = $name"
            + (relation.Database is null ? "" : " and table_catalog = $database"),
            new { schema = relation.Schema, name = relation.Identifier, database = relation.Database });
        return ToKind(type);
    });

    public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => Guard(() =>
        connection.Query<(string Name, string Type)>(
            "select column_name, data_type from information_schema.columns where table_schema = $schema and table_name = $name"
            + (relation.Database is null ? "" : " and table_catalog = $database") + " order by ordinal_position",
            new { schema = relation.Schema, name = relation.Identifier, database = relation.Database })
        .Select(c => new ColumnInfo(c.Name, c.Type)).ToList());

    public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) => Guard(() =>
        (IReadOnlyDictionary<string, RelationKind>)connection.Query<(string Name, string Type)>(
            "select table_name, table_type from information_schema.tables where table_schema = $schema"
            + (database is null ? "" : " and table_catalog = $database"),
            new { schema, database })
        .ToDictionary(r => r.Name, r => ToKind(r.Type), StringComparer.Ordinal));

    public void ExecuteAtomically(IReadOnlyList<string> statements) => Guard(() =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return 0;
    });

    public void Dispose() => connection.Dispose();

    private static RelationKind ToKind(string? tableType) => tableType switch
    {
        null => RelationKind.None,
        "VIEW" => RelationKind.View,
        _ => RelationKind.Table,
    };

    private static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (DuckDBException e) { throw new EngineException(e.Message.Trim(), e); }
    }
}
