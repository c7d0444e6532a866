using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ModelRunner.Events;

public enum SchemaKind { Event, Context }

/// <summary>One field of an event or context: its JSON name, its snake_case column name, its type.</summary>
public sealed record SchemaField(string JsonName, string ColumnName, string Type);

/// <summary>A self-describing schema (one major version) and the atomic.events column it becomes.</summary>
public sealed partial record EventSchema(string Vendor, string Name, string Version, SchemaKind Kind, ImmutableArray<SchemaField> Fields)
{
    public int Major => int.Parse(Version.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>unstruct_event_com_acme_thing_1</c> or <c>contexts_com_acme_thing_1</c>, as Snowplow's Databricks loader names it.</summary>
    public string ColumnName =>
        $"{(Kind == SchemaKind.Event ? "unstruct_event" : "contexts")}_{Vendor.Replace('.', '_').Replace('-', '_')}_{Name}_{Major}";

    /// <summary>snake_case as Snowplow's schema-ddl does it: <c>deviceCpuBits</c> → <c>device_cpu_bits</c>.</summary>
    public static string SnakeCase(string name) =>
        LowerThenUpper().Replace(AcronymThenWord().Replace(name, "$1_$2"), "$1_$2").Replace('-', '_').ToLowerInvariant();

    [GeneratedRegex("([A-Z]+)([A-Z][a-z])")]
    private static partial Regex AcronymThenWord();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex LowerThenUpper();
}

/// <summary>The standard atomic columns and every known schema, read from the embedded data files.</summary>
public sealed partial record SchemaCatalog(ImmutableArray<(string Name, string Type)> AtomicColumns, ImmutableArray<EventSchema> Schemas)
{
    /// <summary>The schema whose column a flattened CSV column (<c>…_1_0_0</c>) or a typed column belongs to.</summary>
    public EventSchema? ForColumn(string column)
    {
        var typed = VersionSuffix().Replace(column, "");
        return Schemas.FirstOrDefault(s => s.ColumnName == typed);
    }

    /// <summary>The schema named by an Iglu URI (<c>iglu:vendor/name/jsonschema/1-0-0</c>), by vendor, name and major version.</summary>
    public EventSchema? ForIglu(string uri)
    {
        var m = IgluUri().Match(uri);
        if (!m.Success) return null;
        var major = int.Parse(m.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return Schemas.FirstOrDefault(s => s.Vendor == m.Groups["vendor"].Value && s.Name == m.Groups["name"].Value && s.Major == major);
    }

    [GeneratedRegex(@"_\d+_\d+$")]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"^iglu:(?<vendor>[^/]+)/(?<name>[^/]+)/jsonschema/(?<major>\d+)-\d+-\d+$")]
    private static partial Regex IgluUri();
}
