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
    /// <summary>What a splice changes: replaced entries by unique id, new entries (appended to the nodes), a new child map.</summary>
    public sealed record Changes(IReadOnlyDictionary<string, byte[]> Replaced, IReadOnlyList<(string UniqueId, byte[] Entry)> Added, byte[]? ChildMap);

    /// <summary>
    /// Rewrites the manifest at <paramref name="path"/> (whose bytes are <paramref name="old"/>, laid out as this layout
    /// says) with a new <paramref name="header"/> (the opening brace and the metadata) and the <paramref name="changes"/>;
    /// returns where everything now lies. Written beside it and moved over it: a reader never sees half a file.
    /// </summary>
    public ManifestLayout Splice(string path, byte[] old, byte[] header, Changes changes)
    {
        var temporary = path + ".tmp";
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>(Entries.Length + changes.Added.Count);
        long childMapAt;
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            output.Write(header);
            var copiedTo = NodesAt;
            void CopyTo(long end)
            {
                output.Write(old, (int)copiedTo, (int)(end - copiedTo));
                copiedTo = end;
            }
            foreach (var entry in Entries)
            {
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
            CopyTo(Entries.Length > 0 ? Entries[^1].Start + Entries[^1].Length : NodesAt);
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

    /// <summary>The layout describes <paramref name="manifest"/>: every entry is a JSON object inside it, and the child map follows them.</summary>
    public bool Describes(byte[] manifest) =>
        NodesAt <= manifest.Length && ChildMapAt < manifest.Length && manifest[^1] == (byte)'}'
        && Entries.All(e => e.Start > NodesAt && e.Start + e.Length <= ChildMapAt
            && manifest[e.Start] == (byte)'{' && manifest[e.Start + e.Length - 1] == (byte)'}');
}
