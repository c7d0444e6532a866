using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>
/// The flattened Snowplow CSV (the layout of Snowplow's dbt integration tests: standard columns as text,
/// contexts and self-describing events as JSON in full-version columns such as
/// <c>contexts_com_snowplowanalytics_snowplow_web_page_1_0_0</c>).
/// </summary>
public sealed class SnowplowCsvLoader(IEngineSession session, AtomicEventsStore store, SchemaCatalog catalog, string rejectDirectory)
    : EventFileLoader(session, store, catalog, rejectDirectory)
{
    public const string FormatName = "snowplow-csv";

    public override string Format => FormatName;

    protected override void Stage(string fullPath) =>
        Session.Execute($"create or replace temp table __mr_load as select row_number() over () as __row, * "
            + $"from read_csv({DuckDbEventsSql.StringLiteral(fullPath)}, header = true, all_varchar = true, quote = '\"', escape = '\"')");

    // Line 1 is the header.
    protected override string LineOf(string row) => $"{row} + 1";

    /// <summary>How each CSV column becomes a typed column, and the checks that send a row to the rejects.</summary>
    protected override (List<MappedColumn>, List<RejectCheck>) Mapping(IReadOnlyList<string> header, string path)
    {
        var store = Store;
        var catalog = Catalog;
        var columns = new List<MappedColumn>();
        var checks = new List<RejectCheck>();
        var atomic = catalog.AtomicColumns.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        foreach (var name in header)
        {
            var source = store.Sql.Quote(name);
            if (atomic.TryGetValue(name, out var type))
            {
                AddAtomic(name.ToLowerInvariant(), type, source, columns, checks);
                continue;
            }
            var schema = catalog.ForColumn(name) ?? throw new ProjectException(
                $"column '{name}' is neither a standard atomic column nor a known schema's column "
                + $"(add a schema file under src/ModelRunner.Events/Schemas).{Suggestions.DidYouMean(name, atomic.Keys.Concat(catalog.Schemas.Select(s => s.ColumnName)))}", path);
            columns.Add(new MappedColumn(schema.ColumnName, DuckDbEventsSql.FromJsonText(source, schema)));
            checks.Add(new RejectCheck(DuckDbEventsSql.InvalidJson(source), $"{name}: not valid JSON"));
        }
        if (columns.Select(c => c.Target).Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Count)
            throw new ProjectException("two CSV columns map to the same atomic.events column (two minor versions of one schema?)", path);
        RequireKeys(columns, checks, path);
        return (columns, checks);
    }
}
