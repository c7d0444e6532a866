using System.Text;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>
/// DuckDB SQL for atomic.events: its DDL (typed columns, STRUCT events, LIST(STRUCT) contexts) and the
/// set-based expressions that turn text (CSV cells, JSON) into those types, NULL where a value does not parse.
/// </summary>
public sealed class DuckDbEventsSql(SqlDialect dialect)
{
    public string Quote(string identifier) => dialect.QuoteIdentifier(identifier);

    public static string SqlType(string type) => type switch
    {
        "string" => "VARCHAR",
        "boolean" => "BOOLEAN",
        "integer" => "BIGINT",
        "number" => "DOUBLE",
        "timestamp" => "TIMESTAMP",
        "array<string>" => "VARCHAR[]",
        "array<number>" => "DOUBLE[]",
        _ => throw new ArgumentException($"unknown type {type}"),
    };

    public string ColumnType(EventSchema schema)
    {
        var fields = string.Join(", ", schema.Fields.Select(f => $"{Quote(f.ColumnName)} {SqlType(f.Type)}"));
        return schema.Kind == SchemaKind.Event ? $"STRUCT({fields})" : $"STRUCT({fields})[]";
    }

    public IEnumerable<(string Name, string Type)> Columns(SchemaCatalog catalog) =>
        catalog.AtomicColumns.Select(c => (c.Name, SqlType(c.Type)))
            .Concat(catalog.Schemas.Select(s => (s.ColumnName, ColumnType(s))));

    public string CreateTable(Relation table, SchemaCatalog catalog) =>
        $"create table if not exists {dialect.Render(table)} (\n  "
        + string.Join(",\n  ", Columns(catalog).Select(c => $"{Quote(c.Name)} {c.Type}")) + "\n)";

    /// <summary>Text (trimmed, empty as NULL) converted to <paramref name="type"/>; NULL when it does not parse.</summary>
    public static string FromText(string text, string type)
    {
        var clean = $"nullif(trim({text}), '')";
        return type switch
        {
            "string" => clean,
            // Snowplow timestamps are UTC; a "Z" or "+00:00" suffix is dropped, TIMESTAMP has no zone.
            "timestamp" => $"try_cast(regexp_replace({clean}, '(Z|[+]00(:?00)?)$', '') as TIMESTAMP)",
            "array<string>" => $"try_cast({clean} as VARCHAR[])",
            "array<number>" => $"try_cast({clean} as DOUBLE[])",
            _ => $"try_cast({clean} as {SqlType(type)})",
        };
    }

    /// <summary>A field of a JSON object <paramref name="element"/>, by its JSON name or its snake_case name.</summary>
    public static string FromJsonField(string element, SchemaField field)
    {
        string Path(string name) => "'$.\"" + name.Replace("'", "''") + "\"'";
        if (field.Type.StartsWith("array<", StringComparison.Ordinal))
        {
            var json = $"coalesce(json_extract({element}, {Path(field.JsonName)}), json_extract({element}, {Path(field.ColumnName)}))";
            var item = field.Type == "array<number>" ? "DOUBLE" : "VARCHAR";
            return $"(case when json_type({json}) = 'ARRAY' then from_json({json}, '[\"{item}\"]') end)";
        }
        var text = $"coalesce(json_extract_string({element}, {Path(field.JsonName)}), json_extract_string({element}, {Path(field.ColumnName)}))";
        return FromText(text, field.Type);
    }

    private static string StructOf(string element, EventSchema schema) =>
        "struct_pack(" + string.Join(", ", schema.Fields.Select(f => $"\"{f.ColumnName}\" := {FromJsonField(element, f)}")) + ")";

    /// <summary>
    /// The typed value of a schema's column from JSON text: a context is a JSON array of objects (an object alone
    /// counts as one); an event is an object (or the first element of an array). Elements that are not objects
    /// give structs of NULLs rather than errors.
    /// </summary>
    public static string FromJsonText(string text, EventSchema schema)
    {
        var json = $"try_cast(nullif(trim({text}), '') as JSON)";
        if (schema.Kind == SchemaKind.Event)
            return $"(case when json_type({json}) = 'ARRAY' then {StructOf($"json_extract({json}, '$[0]')", schema)} "
                + $"when json_type({json}) = 'OBJECT' then {StructOf(json, schema)} end)";
        var elements = $"(case when json_type({json}) = 'ARRAY' then from_json({json}, '[\"JSON\"]') when json_type({json}) = 'OBJECT' then [{json}] end)";
        return $"list_transform({elements}, e -> {StructOf("e", schema)})";
    }

    private static string IgluPrefix(EventSchema schema) =>
        StringLiteral($"iglu:{schema.Vendor}/{schema.Name}/jsonschema/{schema.Major}-");

    /// <summary>
    /// A context column from self-describing contexts (<c>{"schema": "…/contexts/…", "data": [{"schema", "data"}, …]}</c>),
    /// several fields concatenated (contexts and derived_contexts): the data of every entry of the schema's major version.
    /// </summary>
    public static string FromSelfDescribingContexts(IReadOnlyList<string> texts, EventSchema schema)
    {
        var entries = string.Join(", ", texts.Select(t =>
            $"coalesce(from_json(json_extract(try_cast(nullif(trim({t}), '') as JSON), '$.data'), '[\"JSON\"]'), [])"));
        var list = $"list_transform(list_filter(flatten([{entries}]), e -> starts_with(json_extract_string(e, '$.schema'), {IgluPrefix(schema)})), "
            + $"e -> {StructOf("json_extract(e, '$.data')", schema)})";
        return $"(case when len({list}) > 0 then {list} end)";
    }

    /// <summary>An event column from the self-describing unstruct_event field, when it is of the schema's major version.</summary>
    public static string FromSelfDescribingEvent(string text, EventSchema schema)
    {
        var json = $"try_cast(nullif(trim({text}), '') as JSON)";
        return $"(case when starts_with(json_extract_string({json}, '$.data.schema'), {IgluPrefix(schema)}) "
            + $"then {StructOf($"json_extract({json}, '$.data.data')", schema)} end)";
    }

    /// <summary>Non-empty text that is not valid JSON.</summary>
    public static string InvalidJson(string text) =>
        $"(nullif(trim({text}), '') is not null and try_cast(trim({text}) as JSON) is null)";

    public static string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Join(IEnumerable<string> parts, string separator) => string.Join(separator, parts);

    public static string Lines(IEnumerable<string> parts) =>
        parts.Aggregate(new StringBuilder(), (sb, p) => sb.Append(sb.Length == 0 ? "" : ",\n  ").Append(p)).ToString();
}
