using System.Globalization;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>
/// atomic.events in the target: created from the schema data when missing, widened when a schema file is added,
/// with a ledger of loaded files (atomic.modelrunner_loads) so loading the same file twice adds nothing.
/// </summary>
public sealed class AtomicEventsStore(IEngineSession session, SqlDialect dialect, SchemaCatalog catalog, Relation table)
{
    public Relation Table => table;
    public Relation Ledger => table.WithIdentifier("modelrunner_loads");
    public string TableSql => dialect.Render(table);
    public DuckDbEventsSql Sql { get; } = new(dialect);

    public void Ensure()
    {
        session.Execute(dialect.CreateSchema(table.Database, table.Schema));
        session.Execute(Sql.CreateTable(table, catalog));
        var existing = session.GetColumns(table).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in Sql.Columns(catalog).Where(c => !existing.Contains(c.Name)))
            session.Execute(dialect.AddColumn(table, new ColumnInfo(name, type)));
        session.Execute($"create table if not exists {dialect.Render(Ledger)} (file_sha256 VARCHAR primary key, "
            + "path VARCHAR, format VARCHAR, rows_loaded BIGINT, rows_rejected BIGINT, loaded_at TIMESTAMP)");
    }

    /// <summary>When a file with these contents was loaded before: its row count and time, else null.</summary>
    public (long Rows, DateTime LoadedAt)? PreviousLoad(string sha256)
    {
        var result = session.Query($"select rows_loaded, loaded_at from {dialect.Render(Ledger)} where file_sha256 = {DuckDbEventsSql.StringLiteral(sha256)}");
        return result.Rows.Count == 0
            ? null
            : (Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture), (DateTime)result.Rows[0][1]!);
    }

    public string RecordLoad(string sha256, string path, string format, long loaded, long rejected) =>
        $"insert into {dialect.Render(Ledger)} values ({DuckDbEventsSql.StringLiteral(sha256)}, {DuckDbEventsSql.StringLiteral(path)}, "
        + $"{DuckDbEventsSql.StringLiteral(format)}, {loaded}, {rejected}, now()::TIMESTAMP)";
}
