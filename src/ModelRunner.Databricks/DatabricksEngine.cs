using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>
/// A Databricks SQL warehouse over ODBC. Each worker gets its own connection; the warehouse runs statements of
/// several sessions at once. Delta has no multi-statement transactions: units of work run statement by statement
/// (CREATE OR REPLACE TABLE being atomic is what keeps a table build safe).
/// </summary>
public sealed class DatabricksEngine : IEngine
{
    private readonly DatabricksTarget _settings;
    private readonly string _connectionString;

    public DatabricksEngine(TargetSettings target, SqlDialect dialect, EngineCapabilities capabilities)
    {
        Target = target;
        Dialect = dialect;
        _settings = DatabricksTarget.Read(target);
        // Older runtimes (before 17.1) have no INSERT … REPLACE ON: the target says so with insert_replace_on: false.
        // The Statement Execution API (method: http) runs each statement on its own, with no session to keep a temporary
        // view in: incremental builds there stage their new rows as a table.
        Capabilities = capabilities with
        {
            InsertReplaceOn = capabilities.InsertReplaceOn && _settings.InsertReplaceOn,
            SessionTempViews = capabilities.SessionTempViews && _settings.Method != DatabricksMethod.Http,
        };
        _connectionString = OdbcConnectionString.Build(_settings);
        if (_settings.Method != DatabricksMethod.Http) OdbcDriverManager.EnsureInstalled(target.Name, OdbcDriverManager.LibraryName);
        if (_settings.Method == DatabricksMethod.Http)
        {
            _http = new HttpClient { BaseAddress = new Uri($"https://{_settings.Host}:{_settings.Port}/"), Timeout = _settings.ConnectTimeout + TimeSpan.FromSeconds(60) };
            _token = AccessTokens.For(_settings.Auth, _http);
        }
    }

    private readonly HttpClient? _http;
    private readonly Func<CancellationToken, Task<string>>? _token;

    /// <summary>The warehouse id is the last segment of the HTTP path (/sql/1.0/warehouses/&lt;id&gt;).</summary>
    public static string WarehouseId(string httpPath) => httpPath.TrimEnd('/').Split('/')[^1];

    public string Type => "databricks";
    public EngineCapabilities Capabilities { get; }
    public SqlDialect Dialect { get; }
    public TargetSettings Target { get; }

    public IEngineSession OpenSession()
    {
        var retry = new RetryPolicy(_settings.Retries, TimeSpan.FromSeconds(2));
        IStatementClient client = _http is null
            ? new OdbcSqlClient(_connectionString, _settings.Driver, _settings.QueryTimeout, retry)
            : new StatementExecutionClient(_http, WarehouseId(_settings.HttpPath), _settings.Catalog, _settings.Schema, _token!, _settings.QueryTimeout, retry);
        return new DatabricksSession(client, _settings.Catalog, Dialect);
    }

    public void Dispose() => _http?.Dispose();
}

/// <summary>One connection's statements, and introspection through the catalog's information_schema.</summary>
public sealed class DatabricksSession(IStatementClient client, string? catalog, SqlDialect dialect) : IEngineSession
{
    public long Execute(string sql) => client.Execute(sql);

    public QueryResult Query(string sql, int? maxRows = null) => client.Query(sql, maxRows);

    public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) =>
        client.Query($"select column_name, full_data_type from {InformationSchema(relation.Database)}.columns where table_schema = ? and table_name = ? order by ordinal_position",
            null, relation.Schema, relation.Identifier).Rows.Select(r => new ColumnInfo((string)r[0]!, (string)r[1]!)).ToList();

    // Both column lists an incremental build compares (its new rows, its table) in one query: each query is a round trip.
    public IReadOnlyDictionary<Relation, IReadOnlyList<ColumnInfo>> GetColumnsOf(IReadOnlyList<Relation> relations)
    {
        var result = new Dictionary<Relation, IReadOnlyList<ColumnInfo>>();
        foreach (var inCatalog in relations.Distinct().GroupBy(r => r.Database))
        {
            var wanted = inCatalog.ToList();
            var where = string.Join(" or ", wanted.Select(_ => "(table_schema = ? and table_name = ?)"));
            var rows = client.Query($"select table_schema, table_name, column_name, full_data_type from {InformationSchema(inCatalog.Key)}.columns "
                + $"where {where} order by table_schema, table_name, ordinal_position", null,
                wanted.SelectMany(r => new object?[] { r.Schema, r.Identifier }).ToArray()).Rows;
            foreach (var relation in wanted)
                result[relation] = rows.Where(r => string.Equals((string)r[0]!, relation.Schema, StringComparison.OrdinalIgnoreCase)
                        && string.Equals((string)r[1]!, relation.Identifier, StringComparison.OrdinalIgnoreCase))
                    .Select(r => new ColumnInfo((string)r[2]!, (string)r[3]!)).ToList();
        }
        return result;
    }

    public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) =>
        client.Query($"select table_name, table_type from {InformationSchema(database)}.tables where table_schema = ?", null, schema)
            .Rows.ToDictionary(r => (string)r[0]!, r => Kind(r[1]), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas)
    {
        // One round trip: each schema that exists, every table and view in it with its columns (a schema without tables,
        // a relation without columns, still listed), so the run neither asks per schema nor creates one that exists.
        var wanted = schemas.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return new Dictionary<string, SchemaListing>();
        var rows = client.Query($"select s.schema_name, t.table_name, t.table_type, c.column_name, c.full_data_type from {InformationSchema(database)}.schemata as s "
            + $"left join {InformationSchema(database)}.tables as t on t.table_catalog = s.catalog_name and t.table_schema = s.schema_name "
            + $"left join {InformationSchema(database)}.columns as c on c.table_catalog = t.table_catalog and c.table_schema = t.table_schema "
            + $"and c.table_name = t.table_name where s.schema_name in ({string.Join(", ", wanted.Select(_ => "?"))}) "
            + "order by s.schema_name, t.table_name, c.ordinal_position", null, wanted.Cast<object?>().ToArray()).Rows;
        var bySchema = rows.ToLookup(r => (string)r[0]!, StringComparer.OrdinalIgnoreCase);
        return SchemaListing.PerSchema(wanted, schema =>
        {
            var relations = new Dictionary<string, RelationKind>(StringComparer.OrdinalIgnoreCase);
            var columns = new Dictionary<string, List<ColumnInfo>>(StringComparer.OrdinalIgnoreCase);
            var inSchema = bySchema[schema];
            foreach (var row in inSchema.Where(r => r[1] is string))
            {
                var name = (string)row[1]!;
                relations[name] = Kind(row[2]);
                if (!columns.TryGetValue(name, out var list)) columns[name] = list = [];
                if (row[3] is string column) list.Add(new ColumnInfo(column, (string)row[4]!));
            }
            return new SchemaListing(relations, columns.ToDictionary(c => c.Key, c => (IReadOnlyList<ColumnInfo>)c.Value, StringComparer.OrdinalIgnoreCase),
                Exists: inSchema.Any());
        });
    }

    /// <summary>
    /// Statement by statement (Delta has no multi-statement transactions). The last one's figures come from its result:
    /// Delta's DML answers with num_affected_rows (and num_inserted_rows, num_updated_rows, …).
    /// </summary>
    public long ExecuteAtomically(IReadOnlyList<string> statements)
    {
        for (var i = 0; i < statements.Count - 1; i++) client.Execute(statements[i]);
        return statements.Count == 0 ? -1 : RowsWritten(client.Query(statements[^1]));
    }

    /// <summary>What a DML statement's result says it wrote: a MERGE's affected rows, an INSERT's inserted rows; -1 when it does not say.</summary>
    internal static long RowsWritten(QueryResult result)
    {
        var columns = result.Columns.ToList();
        long? Figure(string name)
        {
            var i = columns.FindIndex(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 && result.Rows.Count == 1 && result.Rows[0][i] is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        var written = columns.Contains("num_updated_rows", StringComparer.OrdinalIgnoreCase) ? Figure("num_affected_rows")
            : Figure("num_inserted_rows") ?? Figure("num_affected_rows");
        return written ?? -1;
    }

    public void Cancel() => client.Cancel();

    public void Dispose() => client.Dispose();

    private string InformationSchema(string? database) =>
        (database ?? catalog) is { } c ? $"{dialect.QuoteIdentifier(c)}.information_schema" : "information_schema";

    private static RelationKind Kind(object? tableType) =>
        string.Equals(Convert.ToString(tableType), "VIEW", StringComparison.OrdinalIgnoreCase) ? RelationKind.View : RelationKind.Table;
}
