using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRunner.Core.Running;

/// <summary>A file as a compile saw it: its project-relative path, size (-1: missing) and time written.</summary>
public readonly record struct FileStamp(string Path, long Length, long Ticks)
{
    public static FileStamp Of(string root, FileInfo file) =>
        new(System.IO.Path.GetRelativePath(root, file.FullName), file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc.Ticks : 0);

    /// <summary>One SHA-256 over a list of stamps, in order: equal lists, equal hashes.</summary>
    public static string Hash(IReadOnlyList<FileStamp> stamps)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var lines = new Utf8Lines(sha.AppendData);
        foreach (var stamp in stamps) lines.Stamp(stamp);
        lines.Flush();
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>
/// target/compile_state.json, what the last offline compile read and wrote (see <see cref="CompileShortcut"/>): a hash
/// of everything it read except the model files, which are stamped one by one, so an edit to a few of them is seen as
/// just that; the files it wrote, stamped likewise; and where each node lies in manifest.json. The header carries a
/// hash of each list, so a compile with nothing to do reads only the header. A line format, one fact per line.
/// </summary>
public sealed record CompileState(
    string Inputs,
    int Models,
    ImmutableArray<string> Warnings,
    ImmutableArray<FileStamp> ModelFiles,
    ImmutableArray<FileStamp> Outputs,
    ManifestLayout? Layout)
{
    public const string FileName = "compile_state.json";

    /// <summary>What the header says; the lists and the layout are read only by <see cref="Read"/>.</summary>
    public sealed record Header(string Inputs, int Models, ImmutableArray<string> Warnings, string ModelFilesHash, string OutputsHash);

    /// <summary>The header of the state at <paramref name="path"/>; null when there is none or it is not one this build wrote.</summary>
    public static Header? ReadHeader(string path)
    {
        if (!File.Exists(path)) return null;
        // Line by line, to the first line of the lists: a compile with nothing to do reads no further.
        var header = new HeaderReader();
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space < 0) return null;
            if (!header.Take(line.AsSpan(0, space), line[(space + 1)..])) return header.Header;
        }
        return null;
    }

    /// <summary>
    /// The whole state at <paramref name="path"/>, lists and layout; null when there is none or it does not parse. Read as
    /// bytes: the lists' lines (some 30,000 for 10,000 models) are parsed where they lie, only their paths and ids become
    /// strings.
    /// </summary>
    public static CompileState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        ReadOnlySpan<byte> rest = File.ReadAllBytes(path);
        var header = new HeaderReader();
        while (true)
        {
            var line = rest;
            if (!NextLine(ref rest, out var kind, out var value) || kind.IsEmpty) return null;
            if (header.Take(Encoding.UTF8.GetString(kind), Encoding.UTF8.GetString(value))) continue;
            return header.Header is { } taken ? ReadLists(taken, line) : null;
        }
    }

    /// <summary>
    /// The next line of <paramref name="rest"/>, as its first word and the rest of it (both empty for a line with no space);
    /// false at the end.
    /// </summary>
    private static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> kind, out ReadOnlySpan<byte> value)
    {
        kind = default;
        value = default;
        if (rest.IsEmpty) return false;
        var end = rest.IndexOf((byte)'\n');
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        var space = line.IndexOf((byte)' ');
        if (space < 0) return true;
        kind = line[..space];
        value = line[(space + 1)..];
        return true;
    }

    /// <summary>The header's lines, in any order, up to the first line that is not one.</summary>
    private sealed class HeaderReader
    {
        private string? _inputs, _modelFiles, _outputs;
        private int? _models;
        private readonly ImmutableArray<string>.Builder _warnings = ImmutableArray.CreateBuilder<string>();

        /// <summary>Takes a header line; false when it is not one (the lists begin).</summary>
        public bool Take(ReadOnlySpan<char> key, string value)
        {
            switch (key)
            {
                case "inputs": _inputs = value; return true;
                case "models": _models = int.Parse(value, CultureInfo.InvariantCulture); return true;
                case "model_files": _modelFiles = value; return true;
                case "outputs": _outputs = value; return true;
                case "warning": _warnings.Add(value.Replace("\\n", "\n", StringComparison.Ordinal)); return true;
                default: return false;
            }
        }

        /// <summary>The header, when every one of its lines was there.</summary>
        public Header? Header => _inputs is null || _models is null || _modelFiles is null || _outputs is null ? null
            : new Header(_inputs, _models.Value, _warnings.ToImmutable(), _modelFiles, _outputs);
    }

    /// <summary>The lists and the layout, from <paramref name="rest"/> (the lines after the header).</summary>
    private static CompileState? ReadLists(Header header, ReadOnlySpan<byte> rest)
    {
        (long NodesAt, long ChildMapAt)? at = null;
        var (modelFiles, outputs) = (ImmutableArray.CreateBuilder<FileStamp>(), ImmutableArray.CreateBuilder<FileStamp>());
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>();
        while (NextLine(ref rest, out var kind, out var value))
        {
            // "kind a b rest": two numbers, then a path or a unique id (which may hold spaces); "manifest a b" has no rest.
            var isManifest = kind.SequenceEqual("manifest"u8);
            if (!Utf8Parser.TryParse(value, out long a, out var taken) || value.Length <= taken || value[taken] != (byte)' ') return null;
            value = value[(taken + 1)..];
            if (!Utf8Parser.TryParse(value, out long b, out taken)) return null;
            string? tail = null;
            if (taken < value.Length)
            {
                if (value[taken] != (byte)' ') return null;
                tail = Encoding.UTF8.GetString(value[(taken + 1)..]);
            }
            if (!isManifest && tail is null) return null;
            if (kind.SequenceEqual("model"u8)) modelFiles.Add(new FileStamp(tail!, a, b));
            else if (kind.SequenceEqual("output"u8)) outputs.Add(new FileStamp(tail!, a, b));
            else if (kind.SequenceEqual("entry"u8) && b <= int.MaxValue) entries.Add(new ManifestEntry(tail!, a, (int)b));
            else if (isManifest) at = (a, b);
            else return null;
        }
        return new CompileState(header.Inputs, header.Models, header.Warnings, modelFiles.ToImmutable(), outputs.ToImmutable(),
            at is { } position ? new ManifestLayout(position.NodesAt, entries.ToImmutable(), position.ChildMapAt) : null);
    }

    public void Write(string path)
    {
        // Unbuffered: Utf8Lines is the buffer.
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var lines = new Utf8Lines(stream.Write);
        lines.Append("inputs ").Append(Inputs).Append('\n')
            .Append("models ").Append(Models).Append('\n')
            .Append("model_files ").Append(FileStamp.Hash(ModelFiles)).Append('\n')
            .Append("outputs ").Append(FileStamp.Hash(Outputs)).Append('\n');
        foreach (var warning in Warnings) lines.Append("warning ").Append(warning.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        foreach (var model in ModelFiles) lines.Append("model ").Stamp(model);
        foreach (var output in Outputs) lines.Append("output ").Stamp(output);
        if (Layout is { } layout)
        {
            lines.Append("manifest ").Append(layout.NodesAt).Append(' ').Append(layout.ChildMapAt).Append('\n');
            foreach (var entry in layout.Entries)
                lines.Append("entry ").Append(entry.Start).Append(' ').Append(entry.Length).Append(' ').Append(entry.UniqueId).Append('\n');
        }
        lines.Flush();
    }
}
