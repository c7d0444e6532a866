using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelRunner.Core.Running;

/// <summary>One node's entry in manifest.json: where its JSON object starts and how many bytes it takes.</summary>
public readonly record struct ManifestEntry(string UniqueId, long Start, int Length);

/// <summary>
/// Where each node's entry lies in manifest.json as it was written, where the nodes begin (after the metadata) and
/// where the child map begins (the last member of the file): a compile that re-rendered a few models rewrites their
/// entries, the metadata and, when it added models, the child map, and copies the rest of the file byte for byte (see
/// <see cref="IncrementalCompile"/>).
/// </summary>
public sealed record ManifestLayout(long NodesAt, ImmutableArray<ManifestEntry> Entries, long ChildMapAt)
{
    /// <summary>
    /// What a splice changes: replaced entries by unique id, new entries (appended to the nodes), entries taken out (each
    /// checked with <see cref="KeyOf"/> first), a new child map.
    /// </summary>
    public sealed record Changes(IReadOnlyDictionary<string, byte[]> Replaced, IReadOnlyList<(string UniqueId, byte[] Entry)> Added,
        IReadOnlySet<string> Removed, byte[]? ChildMap);

    /// <summary>
    /// Rewrites the manifest at <paramref name="path"/> (whose bytes are <paramref name="old"/>, laid out as this layout
    /// says) with a new <paramref name="header"/> (the opening brace and the metadata) and the <paramref name="changes"/>;
    /// returns where everything now lies. Written beside it and moved over it: a reader never sees half a file.
    /// </summary>
    public ManifestLayout Splice(string path, ManifestFile old, byte[] header, Changes changes)
    {
        var temporary = path + ".tmp";
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>(Entries.Length + changes.Added.Count - changes.Removed.Count);
        long childMapAt;
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            output.Write(header);
            var copiedTo = NodesAt;
            void CopyTo(long end)
            {
                old.CopyTo(output, copiedTo, end);
                copiedTo = end;
            }
            var first = true; // whether the next entry written is the first of the nodes (no comma before its key)
            foreach (var entry in Entries)
            {
                if (changes.Removed.Contains(entry.UniqueId))
                {
                    // Its member goes: ,"id":{…} after another entry; "id":{…} as the first, with the next one's comma.
                    var key = KeyOf(old, entry)!.Value;
                    CopyTo(first ? key.Start : key.Start - 1);
                    copiedTo = entry.Start + entry.Length;
                    if (first && old[copiedTo] == (byte)',') copiedTo++; // after an entry: the next one's comma, or the nodes' closing brace
                    continue;
                }
                first = false;
                if (!changes.Replaced.TryGetValue(entry.UniqueId, out var bytes))
                {
                    entries.Add(entry with { Start = output.Position + (entry.Start - copiedTo) });
                    continue;
                }
                CopyTo(entry.Start);
                entries.Add(new ManifestEntry(entry.UniqueId, output.Position, bytes.Length));
                output.Write(bytes);
                copiedTo = entry.Start + entry.Length;
            }
            // New nodes go after the last one: the nodes object is a map, its order carries no meaning.
            var last = Entries.LastOrDefault(e => !changes.Removed.Contains(e.UniqueId));
            CopyTo(Math.Max(copiedTo, last.UniqueId is null ? NodesAt : last.Start + last.Length));
            foreach (var (uniqueId, entry) in changes.Added)
            {
                if (entries.Count > 0) output.Write(","u8);
                output.Write("\""u8);
                output.Write(JsonEncodedText.Encode(uniqueId, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
                output.Write("\":"u8);
                entries.Add(new ManifestEntry(uniqueId, output.Position, entry.Length));
                output.Write(entry);
            }
            if (changes.ChildMap is { } childMap)
            {
                CopyTo(ChildMapAt);
                childMapAt = output.Position;
                output.Write(childMap);
                output.Write("}"u8);
            }
            else
            {
                childMapAt = output.Position + (ChildMapAt - copiedTo);
                CopyTo(old.Length);
            }
        }
        File.Move(temporary, path, overwrite: true);
        return new ManifestLayout(header.Length, entries.MoveToImmutable(), childMapAt);
    }

    /// <summary>
    /// Where the member of <paramref name="entry"/> starts in <paramref name="manifest"/> (its key, as the writer encodes it)
    /// and ends; null when the bytes before the entry are not its key after a comma or the nodes' opening brace.
    /// </summary>
    public static (long Start, long End)? KeyOf(ManifestFile manifest, ManifestEntry entry)
    {
        var encoded = JsonEncodedText.Encode(entry.UniqueId, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var start = entry.Start - encoded.Length - 3;
        if (start < 1 || entry.Start > manifest.Length || manifest[start] != (byte)'"' || !manifest.Read(start + 1, encoded.Length).AsSpan().SequenceEqual(encoded)
            || manifest[entry.Start - 2] != (byte)'"' || manifest[entry.Start - 1] != (byte)':'
            || manifest[start - 1] is not ((byte)',' or (byte)'{'))
            return null;
        return (start, entry.Start + entry.Length);
    }

    /// <summary>The layout describes <paramref name="manifest"/>: every entry is a JSON object inside it, and the child map follows them.</summary>
    public bool Describes(ManifestFile manifest) =>
        NodesAt <= manifest.Length && ChildMapAt < manifest.Length && manifest[manifest.Length - 1] == (byte)'}'
        && Entries.All(e => e.Start > NodesAt && e.Start + e.Length <= ChildMapAt
            && manifest[e.Start] == (byte)'{' && manifest[e.Start + e.Length - 1] == (byte)'}');
}
