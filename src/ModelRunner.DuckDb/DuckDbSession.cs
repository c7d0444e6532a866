using Dapper;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using ModelRunner.Core.Engines;
using ColumnInfo = ModelRunner.Core.Engines.ColumnInfo;

// Dapper's calls in this assembly are generated at build time (see the project file).
[module: DapperAot]

namespace ModelRunner.DuckDb;

/// <summary>One DuckDB connection; database errors become <see cref="EngineException"/> with DuckDB's message.</summary>
public sealed class DuckDbSession(DuckDBConnection connection) : IEngineSession
{
    public long Execute(string sql) => Guard(() => Run(sql));

    /// <summary>
    /// Runs statements that return no rows through <c>duckdb_query</c>, which binds and plans each statement once.
    /// DuckDB.NET's commands prepare a statement and then execute the prepared one, and DuckDB binds and optimises a
    /// prepared statement that reads the clock again when it runs: every Snowplow model has a model_tstamp, so its
    /// planning was paid twice (web's sessions at 1M events: 97 ms a statement prepared, 73 ms run directly). The rows
    /// written are those of the last statement, as <see cref="IEngineSession.ExecuteAtomically"/> says.
    /// </summary>
    private long Run(string sql)
    {
        var state = NativeMethods.Query.DuckDBQuery(connection.NativeConnection, sql, out var result);
        try
        {
            if (state == DuckDBState.Success) return RowsWritten(ref result);
            if (NativeMethods.Query.DuckDBResultErrorType(ref result) == DuckDBErrorType.Interrupt) throw new OperationCanceledException();
            var message = NativeMethods.Query.DuckDBResultError(ref result);
            throw new EngineException(string.IsNullOrEmpty(message) ? "the statement failed" : message.Trim());
        }
        finally
        {
            NativeMethods.Query.DuckDBDestroyResult(ref result);
        }
    }

    /// <summary>
    /// What a statement wrote: the rows an INSERT, UPDATE or DELETE changed; for CREATE TABLE … AS, the one value of its
    /// answer (DuckDB reports no changed rows for it), so a table's build needs no count of its rows afterwards.
    /// </summary>
    private static long RowsWritten(ref DuckDBResult result)
    {
        var changed = NativeMethods.Query.DuckDBRowsChanged(ref result);
        if (changed == 0 && NativeMethods.Query.DuckDBResultStatementType(result) == DuckDBStatementType.Create
            && NativeMethods.Query.DuckDBColumnCount(ref result) == 1 && NativeMethods.Query.DuckDBRowCount(ref result) == 1)
            return NativeMethods.Types.DuckDBValueInt64(ref result, 0, 0);
        return changed;
    }

    public void Cancel()
    {
        // DuckDB interrupts whatever the connection runs (a statement or a query being read).
        try { if (connection.State == System.Data.ConnectionState.Open) connection.NativeConnection.Interrupt(); }
        catch (ObjectDisposedException) { } // it closed meanwhile
    }

    /// <summary>
    /// Rows of a query. Nested values (LIST, ARRAY, STRUCT, MAP, UNION) come back as DuckDB's own text: DuckDB.NET
    /// would build .NET collections for them through generic types made at run time, which the native build cannot
    /// make for every element type (and it has no .NET type for UNION at all).
    /// </summary>
    public QueryResult Query(string sql, int? maxRows = null) => Guard(() =>
        TryRead(sql, maxRows, out var columns, out var nested)
        ?? TryRead(NestedAsText(sql, columns, nested), maxRows, out _, out _)
        ?? throw new EngineException("nested columns were not converted to text"));

    private static readonly HashSet<string> NestedTypes = new(StringComparer.OrdinalIgnoreCase) { "List", "Array", "Struct", "Map", "Union" };

    /// <summary>Null, without reading a row, when a column is nested (<paramref name="nested"/> says which).</summary>
    private QueryResult? TryRead(string sql, int? maxRows, out List<string> columns, out List<int> nested)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        nested = Enumerable.Range(0, reader.FieldCount).Where(i => NestedTypes.Contains(reader.GetDataTypeName(i))).ToList();
        if (nested.Count > 0) return null;
        var rows = new List<object?[]>();
        while ((maxRows is null || rows.Count < maxRows) && reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }

    /// <summary>The query again, its nested columns cast to VARCHAR; positional references keep duplicate names apart.</summary>
    private static string NestedAsText(string sql, IReadOnlyList<string> columns, IReadOnlyCollection<int> nested)
    {
        var select = columns.Select((name, i) =>
            (nested.Contains(i) ? $"cast(#{i + 1} as varchar)" : $"#{i + 1}") + " as \"" + name.Replace("\"", "\"\"") + "\"");
        // The newline ends a trailing line comment in the query before the subquery closes.
        return $"select {string.Join(", ", select)} from ({sql.TrimEnd().TrimEnd(';')}\n) as query_rows";
    }

    // Introspection reads DuckDB's own catalog functions: information_schema is a view over them that builds every
    // row of every table first, and costs about twice as much per call (6-10 ms on a project's database).
    public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => Guard(() =>
        connection.Query<NameAndType>(
            "select column_name as name, data_type as type from duckdb_columns() where schema_name = $schema and table_name = $name"
            + CatalogFilter(relation.Database) + " order by column_index",
            new { schema = relation.Schema, name = relation.Identifier, database = relation.Database })
        .Select(c => new ColumnInfo(c.Name, c.Type)).ToList());

    public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) => Guard(() =>
        (IReadOnlyDictionary<string, RelationKind>)connection.Query<TableColumn>(RelationsQuery("schema_name = $schema" + CatalogFilter(database)),
            new { schema, database })
        .ToDictionary(r => r.Table, r => ToKind(r.Type), StringComparer.Ordinal));

    /// <summary>The views and tables the filter selects, a row each: schema, name, kind.</summary>
    private static string RelationsQuery(string filter) =>
        $"select schema_name as \"Schema\", view_name as \"Table\", 'VIEW' as type from duckdb_views() where {filter} and not internal"
        + $" union all select schema_name as \"Schema\", table_name as \"Table\", 'BASE TABLE' as type from duckdb_tables() where {filter}";

    // Every schema in one query (the run reads them all at its start): each listing reads DuckDB's whole catalog, 4-6 ms
    // warm on a package's database, so one per schema cost that again each time. The names go in as string literals, as
    // many as asked (DuckDB's literals escape only the quote).
    public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas) => Guard(() =>
    {
        var wanted = schemas.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return new Dictionary<string, SchemaListing>();
        var filter = $"lower(schema_name) in ({string.Join(", ", wanted.Select(s => "'" + s.ToLowerInvariant().Replace("'", "''") + "'"))})"
            + CatalogFilter(database);
        var columns = connection.Query<TableColumn>(
            $"select schema_name as \"Schema\", table_name as \"Table\", column_name as name, data_type as type from duckdb_columns() where {filter}"
            + " order by schema_name, table_name, column_index", new { database }).ToLookup(c => c.Schema, StringComparer.OrdinalIgnoreCase);
        // The schemas themselves too (a row each, no relation), so the run creates only those that are missing: of the
        // database asked, or the default one.
        var relations = connection.Query<TableColumn>(
            $"select schema_name as \"Schema\", '' as \"Table\", 'SCHEMA' as type from duckdb_schemas() where {filter}"
            + (database is null ? " and database_name = current_database()" : "") // not a namesake in another database
            + " union all " + RelationsQuery(filter),
            new { database }).ToLookup(r => r.Schema, StringComparer.OrdinalIgnoreCase);
        return SchemaListing.PerSchema(wanted, schema => new SchemaListing(
            relations[schema].Where(r => r.Type != "SCHEMA").ToDictionary(r => r.Table, r => ToKind(r.Type), StringComparer.Ordinal),
            columns[schema].GroupBy(c => c.Table, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<ColumnInfo>)g.Select(c => new ColumnInfo(c.Name, c.Type)).ToList(), StringComparer.OrdinalIgnoreCase),
            Exists: relations[schema].Any(r => r.Type == "SCHEMA")));
    });

    private static string CatalogFilter(string? database) => database is null ? "" : " and database_name = $database";

    public long ExecuteAtomically(IReadOnlyList<string> statements) => Guard(() =>
    {
        using var transaction = connection.BeginTransaction();
        long last = -1;
        foreach (var sql in statements) last = Run(sql);
        transaction.Commit();
        return last;
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
        catch (OperationCanceledException e) { throw new EngineException("the statement was interrupted", e); }
    }

    /// <summary>One row of an introspection query: a class, not a tuple, and internal, not private, as Dapper.AOT binds them.</summary>
    internal sealed class NameAndType
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
    }

    internal sealed class TableColumn
    {
        public string Schema { get; set; } = "";
        public string Table { get; set; } = "";
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
    }
}
