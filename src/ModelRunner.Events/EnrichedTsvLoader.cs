using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>
/// Snowplow's enriched TSV, as Enrich writes it to the stream (Kafka, Kinesis, Pub/Sub, Event Hubs): 131
/// tab-separated fields, no header, no quoting; <c>contexts</c>, <c>derived_contexts</c> and <c>unstruct_event</c>
/// hold self-describing JSON. Each known schema's data goes to its typed column; load_tstamp is the load time.
/// </summary>
public sealed class EnrichedTsvLoader(IEngineSession session, AtomicEventsStore store, SchemaCatalog catalog, string rejectDirectory)
    : EventFileLoader(session, store, catalog, rejectDirectory)
{
    public const string FormatName = "tsv";

    private const string Contexts = "contexts";
    private const string DerivedContexts = "derived_contexts";
    private const string UnstructEvent = "unstruct_event";

    public override string Format => FormatName;

    /// <summary>The enriched event's fields in order: the atomic columns less load_tstamp, with the three JSON fields in their places.</summary>
    public IReadOnlyList<string> Fields => FieldsOf(Catalog);

    public static IReadOnlyList<string> FieldsOf(SchemaCatalog catalog)
    {
        {
            var fields = catalog.AtomicColumns.Select(c => c.Name).Where(n => n != "load_tstamp").ToList();
            fields.Insert(fields.IndexOf("mkt_campaign") + 1, Contexts);
            fields.Insert(fields.IndexOf("se_value") + 1, UnstructEvent);
            fields.Insert(fields.IndexOf("refr_dvce_tstamp") + 1, DerivedContexts);
            return fields;
        }
    }

    protected override void Stage(string fullPath)
    {
        // One text column per line (the unit separator never occurs in enriched events), split on tabs in SQL.
        var parts = string.Join(", ", Fields.Select((f, i) => $"parts[{i + 1}] as {Store.Sql.Quote(f)}"));
        Session.Execute("create or replace temp table __mr_load as "
            + $"select __row, len(parts) as __fields, {parts} from ("
            + "select row_number() over () as __row, string_split(line, chr(9)) as parts "
            + $"from read_csv({DuckDbEventsSql.StringLiteral(fullPath)}, columns = {{'line': 'VARCHAR'}}, header = false, "
            + "delim = '\u001f', quote = '', escape = '', auto_detect = false) where line <> '')");
    }

    protected override string LineOf(string row) => row;

    protected override (List<MappedColumn>, List<RejectCheck>) Mapping(IReadOnlyList<string> stagedColumns, string path)
    {
        var columns = new List<MappedColumn>();
        var checks = new List<RejectCheck>
        {
            new($"__fields <> {Fields.Count}", $"expected {Fields.Count} tab-separated fields"),
        };
        foreach (var (name, type) in Catalog.AtomicColumns)
        {
            if (name == "load_tstamp") columns.Add(new MappedColumn(name, "current_timestamp::TIMESTAMP"));
            else AddAtomic(name, type, Store.Sql.Quote(name), columns, checks);
        }
        foreach (var field in new[] { Contexts, DerivedContexts, UnstructEvent })
            checks.Add(new RejectCheck(DuckDbEventsSql.InvalidJson(Store.Sql.Quote(field)), $"{field}: not valid JSON"));
        var contexts = new[] { Store.Sql.Quote(Contexts), Store.Sql.Quote(DerivedContexts) };
        foreach (var schema in Catalog.Schemas)
            columns.Add(new MappedColumn(schema.ColumnName, schema.Kind == SchemaKind.Context
                ? DuckDbEventsSql.FromSelfDescribingContexts(contexts, schema)
                : DuckDbEventsSql.FromSelfDescribingEvent(Store.Sql.Quote(UnstructEvent), schema)));
        RequireKeys(columns, checks, path);
        return (columns, checks);
    }
}
