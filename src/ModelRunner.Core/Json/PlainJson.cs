using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ModelRunner.Core.Json;

/// <summary>
/// JSON for plain values (strings, numbers, booleans, lists, maps), written directly with <see cref="Utf8JsonWriter"/>.
/// Reflection-based serialization does not survive native (AOT) publishing; these values need none.
/// </summary>
public static class PlainJson
{
    /// <param name="sortKeys">Sort map keys: for maps whose order may differ between processes (hash order) where
    /// the file should not. Unsorted maps keep the order they enumerate in (a Dictionary built in code: insertion).</param>
    public static void Write(Utf8JsonWriter json, object? value, bool sortKeys)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            case float f: json.WriteNumberValue(f); break;
            case decimal m: json.WriteNumberValue(m); break;
            case DateTimeOffset t: json.WriteStringValue(t); break;
            case DateTime t: json.WriteStringValue(t); break;
            case IDictionary map: WriteMap(json, map, sortKeys); break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list) Write(json, item, sortKeys);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>The value as one JSON text (maps in their own order unless <paramref name="sortKeys"/>).</summary>
    public static string Serialize(object? value, bool indented = false, bool sortKeys = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented })) Write(json, value, sortKeys);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMap(Utf8JsonWriter json, IDictionary map, bool sortKeys)
    {
        var entries = new List<(string Key, object? Value)>(map.Count);
        foreach (DictionaryEntry entry in map)
            entries.Add((Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value));
        if (sortKeys) entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        json.WriteStartObject();
        foreach (var (key, item) in entries)
        {
            json.WritePropertyName(key);
            Write(json, item, sortKeys);
        }
        json.WriteEndObject();
    }
}
