using System.Collections.Immutable;
using System.Text;

namespace ModelRunner.Core.Project;

/// <summary>Size, modification time and content hash of a model file when the cache was written.</summary>
internal sealed record CachedFile(long Length, long ModifiedTicks, string Hash);

/// <summary>The cache's contents, as read from or written to its file.</summary>
internal sealed record ParseCacheContents(
    long SavedAtTicks,
    IReadOnlyList<KeyValuePair<string, CachedFile>> Files,
    IReadOnlyList<KeyValuePair<string, CachedModel>> Models,
    Task<List<KeyValuePair<string, CachedRender>>> Renders);

/// <summary>
/// The binary file behind <see cref="ParseCache"/> (target/partial_parse.bin): a header (magic, version,
/// fingerprint, save time) and length-prefixed entries. It is read at the start of every command, so it is
/// binary rather than JSON; anything unexpected in it reads as "no cache".
/// </summary>
internal static class ParseCacheFile
{
    private const string Magic = "MRPP";
    private const int Version = 3;

    private enum Tag : byte { Null, String, True, False, Long, Double, List, Map }

    public static ParseCacheContents? Read(string path, string fingerprint)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version || reader.ReadString() != fingerprint) return null;
            var savedAt = reader.ReadInt64();
            var files = Entries(reader, r => new CachedFile(r.ReadInt64(), r.ReadInt64(), r.ReadString()));
            var models = Entries(reader, r => new CachedModel(References(r), References(r),
                ((Dictionary<string, object?>)ReadValue(r)!).AsReadOnly()));
            // Renders (the bulk: SQL text) are needed only once compiling starts: read on the side while models load.
            var renders = Task.Run(() =>
            {
                using (reader) return Entries(reader, r => new CachedRender(r.ReadString(), Strings(r), Strings(r)));
            });
            return new ParseCacheContents(savedAt, files, models, renders);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidCastException or InvalidDataException
                                      or FormatException or ArgumentException or OverflowException)
        {
            return null; // a damaged cache only costs a full parse
        }
    }

    public static void Write(string path, string fingerprint, ParseCacheContents contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(fingerprint);
            writer.Write(contents.SavedAtTicks);
            WriteEntries(writer, contents.Files, (w, f) => { w.Write(f.Length); w.Write(f.ModifiedTicks); w.Write(f.Hash); });
            WriteEntries(writer, contents.Models, (w, m) => { WriteReferences(w, m.Refs); WriteReferences(w, m.Sources); WriteValue(w, m.Config); });
            WriteEntries(writer, contents.Renders.Result, (w, r) => { w.Write(r.Sql); WriteStrings(w, r.PreHooks); WriteStrings(w, r.PostHooks); });
        }
        // Replace in one step, so a reader never sees half a file.
        File.Move(temporary, path, overwrite: true);
    }

    private static List<KeyValuePair<string, T>> Entries<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var count = reader.ReadInt32();
        var entries = new List<KeyValuePair<string, T>>(count);
        for (var i = 0; i < count; i++) entries.Add(new(reader.ReadString(), read(reader)));
        return entries;
    }

    private static void WriteEntries<T>(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, T>> entries, Action<BinaryWriter, T> write)
    {
        writer.Write(entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.Write(key);
            write(writer, value);
        }
    }

    private static ImmutableArray<TemplateReference> References(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var builder = ImmutableArray.CreateBuilder<TemplateReference>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var table = reader.ReadBoolean() ? reader.ReadString() : null;
            builder.Add(new TemplateReference(name, table, reader.ReadString(), reader.ReadInt32(), reader.ReadInt32()));
        }
        return builder.MoveToImmutable();
    }

    private static void WriteReferences(BinaryWriter writer, ImmutableArray<TemplateReference> references)
    {
        writer.Write(references.Length);
        foreach (var r in references)
        {
            writer.Write(r.Name);
            writer.Write(r.Table is not null);
            if (r.Table is not null) writer.Write(r.Table);
            writer.Write(r.File);
            writer.Write(r.Line);
            writer.Write(r.Column);
        }
    }

    private static ImmutableArray<string> Strings(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++) builder.Add(reader.ReadString());
        return builder.MoveToImmutable();
    }

    private static void WriteStrings(BinaryWriter writer, ImmutableArray<string> strings)
    {
        writer.Write(strings.Length);
        foreach (var s in strings) writer.Write(s);
    }

    /// <summary>Config values are plain: null, strings, booleans, integers, doubles, lists and maps.</summary>
    private static object? ReadValue(BinaryReader reader)
    {
        switch ((Tag)reader.ReadByte())
        {
            case Tag.Null: return null;
            case Tag.String: return reader.ReadString();
            case Tag.True: return true;
            case Tag.False: return false;
            case Tag.Long: return reader.ReadInt64();
            case Tag.Double: return reader.ReadDouble();
            case Tag.List:
            {
                var count = reader.ReadInt32();
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++) list.Add(ReadValue(reader));
                return list;
            }
            case Tag.Map:
            {
                var count = reader.ReadInt32();
                var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
                for (var i = 0; i < count; i++) map[reader.ReadString()] = ReadValue(reader);
                return map;
            }
            default: throw new InvalidDataException("unknown value tag in the partial-parse cache");
        }
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.Write((byte)Tag.Null); break;
            case string s: writer.Write((byte)Tag.String); writer.Write(s); break;
            case bool b: writer.Write((byte)(b ? Tag.True : Tag.False)); break;
            case long or int: writer.Write((byte)Tag.Long); writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal: writer.Write((byte)Tag.Double); writer.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                var entries = map.ToList();
                writer.Write((byte)Tag.Map);
                writer.Write(entries.Count);
                foreach (var (k, v) in entries) { writer.Write(k); WriteValue(writer, v); }
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                writer.Write((byte)Tag.List);
                writer.Write(items.Count);
                foreach (var item in items) WriteValue(writer, item);
                break;
            default:
                writer.Write((byte)Tag.String);
                writer.Write(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }
}
