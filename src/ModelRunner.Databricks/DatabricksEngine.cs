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
        Capabilities = capabilities;
        _settings = DatabricksTarget.Read(target);
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

    public void ExecuteAtomically(IReadOnlyList<string> statements)
    {
        foreach (var statement in statements) client.Execute(statement);
    }

    public void Cancel() => client.Cancel();

    public void Dispose() => client.Dispose();

    private string InformationSchema(string? database) =>
        (database ?? catalog) is { } c ? $"{dialect.QuoteIdentifier(c)}.information_schema" : "information_schema";

    private static RelationKind Kind(object? tableType) =>
        string.Equals(Convert.ToString(tableType), "VIEW", StringComparison.OrdinalIgnoreCase) ? RelationKind.View : RelationKind.Table;
}
