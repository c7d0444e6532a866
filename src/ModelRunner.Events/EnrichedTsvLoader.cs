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

    /// <summary>What a line that is not UTF-8 text (a binary or mis-encoded file) is staged as, so it is rejected at its line.</summary>
    private const string NotText = "\u0001not-utf8";

    protected override void Stage(string fullPath)
    {
        var readable = WithTextLinesOnly(fullPath);
        try { StageText(readable ?? fullPath); }
        finally { if (readable is not null) File.Delete(readable); }
    }

    /// <summary>
    /// A copy of the file whose lines that are not UTF-8 text are replaced by a marker (the reader would otherwise stop at
    /// the first of them and load nothing, naming no line), or null when every line is text.
    /// </summary>
    private static string? WithTextLinesOnly(string fullPath)
    {
        var bytes = File.ReadAllBytes(fullPath);
        var strict = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = new List<ReadOnlyMemory<byte>>();
        var bad = false;
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
            var line = bytes.AsMemory(start, i - start);
            var text = line.Span.IndexOf((byte)0) < 0;
            if (text) { try { strict.GetCharCount(line.Span); } catch (System.Text.DecoderFallbackException) { text = false; } }
            bad |= !text;
            lines.Add(text ? line : System.Text.Encoding.UTF8.GetBytes(NotText));
            start = i + 1;
        }
        if (!bad) return null;
        var copy = Path.Combine(Path.GetTempPath(), $"mr-tsv-{Guid.NewGuid():N}.tsv");
        using var output = File.Create(copy);
        for (var i = 0; i < lines.Count; i++)
        {
            output.Write(lines[i].Span);
            if (i < lines.Count - 1) output.WriteByte((byte)'\n');
        }
        return copy;
    }

    private void StageText(string fullPath)
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
            new($"{Store.Sql.Quote(Fields[0])} = {DuckDbEventsSql.StringLiteral(NotText)}", "not UTF-8 text (a binary or mis-encoded line)"),
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
