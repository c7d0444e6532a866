using System.Globalization;
using System.Security.Cryptography;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>What one file's load did.</summary>
public sealed record LoadResult(string Path, long Loaded, long Rejected, string? RejectFile, bool AlreadyLoaded);

/// <summary>
/// Loads the flattened Snowplow CSV (the layout of Snowplow's dbt integration tests: standard columns as text,
/// contexts and self-describing events as JSON in full-version columns such as
/// <c>contexts_com_snowplowanalytics_snowplow_web_page_1_0_0</c>) into the typed columns of atomic.events, set-based
/// in DuckDB. Rows that do not parse go to a reject file with the reason; the rest load in one transaction.
/// </summary>
public sealed class SnowplowCsvLoader(IEngineSession session, AtomicEventsStore store, SchemaCatalog catalog, string rejectDirectory)
{
    public const string Format = "snowplow-csv";

    public LoadResult Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ProjectException($"no such file: {path}");
        var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)));
        if (store.PreviousLoad(sha) is not null)
            return new LoadResult(path, 0, 0, null, AlreadyLoaded: true);

        session.Execute($"create or replace temp table __mr_load as select row_number() over () as __row, * "
            + $"from read_csv({DuckDbEventsSql.StringLiteral(full)}, header = true, all_varchar = true, quote = '\"', escape = '\"')");
        // DuckDB keeps temp tables in the "main" schema of the "temp" catalog.
        var header = session.GetColumns(new Relation("temp", "main", "__mr_load")).Select(c => c.Name).Where(c => c != "__row").ToList();
        var (columns, checks) = Mapping(header, path);

        var reason = "concat_ws('; ', " + string.Join(", ", checks.Select(c => $"case when {c.Condition} then {DuckDbEventsSql.StringLiteral(c.Message)} end")) + ")";
        session.Execute("create or replace temp table __mr_typed as select __row, "
            + string.Join(", ", columns.Select(c => $"{c.Expression} as {store.Sql.Quote(c.Target)}"))
            + $", nullif({reason}, '') as __reason from __mr_load");

        var rejected = Count("select count(*) from __mr_typed where __reason is not null");
        string? rejectFile = null;
        if (rejected > 0)
        {
            Directory.CreateDirectory(rejectDirectory);
            rejectFile = Path.Combine(rejectDirectory, Path.GetFileNameWithoutExtension(full) + ".rejects.csv");
            session.Execute($"copy (select t.__row + 1 as line, t.__reason as reason, l.* exclude (__row) from __mr_typed t "
                + $"join __mr_load l using (__row) where t.__reason is not null order by t.__row) to {DuckDbEventsSql.StringLiteral(rejectFile)} (header, delimiter ',')");
        }
        var loaded = Count("select count(*) from __mr_typed where __reason is null");
        var targetColumns = string.Join(", ", columns.Select(c => store.Sql.Quote(c.Target)));
        session.ExecuteAtomically(new[]
        {
            $"insert into {store.TableSql} ({targetColumns}) "
                + $"select {targetColumns} from __mr_typed where __reason is null order by __row",
            store.RecordLoad(sha, full, Format, loaded, rejected),
        });
        session.Execute("drop table if exists __mr_typed");
        session.Execute("drop table if exists __mr_load");
        return new LoadResult(path, loaded, rejected, rejectFile, AlreadyLoaded: false);
    }

    private long Count(string sql) => Convert.ToInt64(session.Query(sql).Rows[0][0], CultureInfo.InvariantCulture);

    private sealed record MappedColumn(string Target, string Expression);
    private sealed record Check(string Condition, string Message);

    /// <summary>How each CSV column becomes a typed column, and the checks that send a row to the rejects.</summary>
    private (List<MappedColumn>, List<Check>) Mapping(IReadOnlyList<string> header, string path)
    {
        var columns = new List<MappedColumn>();
        var checks = new List<Check>();
        var atomic = catalog.AtomicColumns.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        foreach (var name in header)
        {
            var source = store.Sql.Quote(name);
            if (atomic.TryGetValue(name, out var type))
            {
                var typed = DuckDbEventsSql.FromText(source, type);
                columns.Add(new MappedColumn(name.ToLowerInvariant(), typed));
                if (type != "string")
                    checks.Add(new Check($"(nullif(trim({source}), '') is not null and {typed} is null)", $"{name}: not {(type == "integer" ? "an" : "a")} {type}"));
                continue;
            }
            var schema = catalog.ForColumn(name) ?? throw new ProjectException(
                $"column '{name}' is neither a standard atomic column nor a known schema's column "
                + $"(add a schema file under src/ModelRunner.Events/Schemas).{Suggestions.DidYouMean(name, atomic.Keys.Concat(catalog.Schemas.Select(s => s.ColumnName)))}", path);
            columns.Add(new MappedColumn(schema.ColumnName, DuckDbEventsSql.FromJsonText(source, schema)));
            checks.Add(new Check(DuckDbEventsSql.InvalidJson(source), $"{name}: not valid JSON"));
        }
        if (columns.Select(c => c.Target).Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Count)
            throw new ProjectException("two CSV columns map to the same atomic.events column (two minor versions of one schema?)", path);
        foreach (var required in new[] { "event_id", "collector_tstamp" })
        {
            var column = columns.FirstOrDefault(c => c.Target == required)
                ?? throw new ProjectException($"the CSV has no '{required}' column", path);
            checks.Add(new Check($"{column.Expression} is null", $"{required} is missing"));
        }
        return (columns, checks);
    }
}
