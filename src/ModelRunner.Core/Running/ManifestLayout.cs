using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

/// <summary>One node's entry in manifest.json: where its JSON object starts and how many bytes it takes.</summary>
public readonly record struct ManifestEntry(string UniqueId, long Start, int Length);

/// <summary>
/// Where each node's entry lies in manifest.json as it was written, and where the nodes begin (after the metadata):
/// a compile that re-rendered a few models rewrites their entries and the metadata, and copies the rest of the file
/// byte for byte (see <see cref="IncrementalCompile"/>).
/// </summary>
public sealed record ManifestLayout(long NodesAt, ImmutableArray<ManifestEntry> Entries)
{
    /// <summary>
    /// Rewrites the manifest at <paramref name="path"/> (whose bytes are <paramref name="old"/>, laid out as this layout
    /// says) with a new <paramref name="header"/> (the opening brace and the metadata) and the <paramref name="replaced"/>
    /// entries; returns where everything now lies. Written beside it and moved over it: a reader never sees half a file.
    /// </summary>
    public ManifestLayout Splice(string path, byte[] old, byte[] header, IReadOnlyDictionary<string, byte[]> replaced)
    {
        var temporary = path + ".tmp";
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>(Entries.Length);
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            output.Write(header);
            var copiedTo = NodesAt;
            foreach (var entry in Entries)
            {
                if (!replaced.TryGetValue(entry.UniqueId, out var bytes))
                {
                    entries.Add(entry with { Start = output.Position + (entry.Start - copiedTo) });
                    continue;
                }
                output.Write(old, (int)copiedTo, (int)(entry.Start - copiedTo));
                entries.Add(new ManifestEntry(entry.UniqueId, output.Position, bytes.Length));
                output.Write(bytes);
                copiedTo = entry.Start + entry.Length;
            }
            output.Write(old, (int)copiedTo, (int)(old.Length - copiedTo));
        }
        File.Move(temporary, path, overwrite: true);
        return new ManifestLayout(header.Length, entries.MoveToImmutable());
    }

    /// <summary>The layout describes <paramref name="manifest"/>: every entry is a JSON object inside it.</summary>
    public bool Describes(byte[] manifest) =>
        NodesAt <= manifest.Length && Entries.All(e => e.Start > NodesAt && e.Start + e.Length <= manifest.Length
            && manifest[e.Start] == (byte)'{' && manifest[e.Start + e.Length - 1] == (byte)'}');
}
