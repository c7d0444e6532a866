using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;

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
    public static Header? ReadHeader(string path) => Parse(path, withLists: false).Header;

    /// <summary>The whole state at <paramref name="path"/>, lists and layout; null when there is none or it does not parse.</summary>
    public static CompileState? Read(string path) => Parse(path, withLists: true).State;

    /// <summary>One pass over the file: the header, then (<paramref name="withLists"/>) the lists and the layout after it.</summary>
    private static (Header? Header, CompileState? State) Parse(string path, bool withLists)
    {
        if (!File.Exists(path)) return (null, null);
        string? inputs = null, modelFiles = null, outputs = null;
        int? models = null;
        var warnings = ImmutableArray.CreateBuilder<string>();
        using var lines = File.ReadLines(path).GetEnumerator();
        while (lines.MoveNext())
        {
            var line = lines.Current;
            var space = line.IndexOf(' ');
            if (space < 0) return (null, null);
            var value = line[(space + 1)..];
            switch (line.AsSpan(0, space))
            {
                case "inputs": inputs = value; continue;
                case "models": models = int.Parse(value, CultureInfo.InvariantCulture); continue;
                case "model_files": modelFiles = value; continue;
                case "outputs": outputs = value; continue;
                case "warning": warnings.Add(value.Replace("\\n", "\n", StringComparison.Ordinal)); continue;
            }
            if (inputs is null || models is null || modelFiles is null || outputs is null) return (null, null);
            var header = new Header(inputs, models.Value, warnings.ToImmutable(), modelFiles, outputs);
            return withLists ? (header, ReadLists(header, line, lines)) : (header, null);
        }
        return (null, null);
    }

    /// <summary>The lists and the layout, from <paramref name="first"/> (the line after the header) and the rest of <paramref name="lines"/>.</summary>
    private static CompileState? ReadLists(Header header, string first, IEnumerator<string> lines)
    {
        (long NodesAt, long ChildMapAt)? at = null;
        var (modelFiles, outputs) = (ImmutableArray.CreateBuilder<FileStamp>(), ImmutableArray.CreateBuilder<FileStamp>());
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>();
        var line = first;
        do
        {
            // "kind a b rest": two numbers, then a path or a unique id (which may hold spaces); read without splitting.
            var kind = line.AsSpan(0, Math.Max(0, line.IndexOf(' ')));
            if (kind is not ("model" or "output" or "entry" or "manifest")) return null;
            var rest = line.AsSpan(kind.Length + 1);
            var firstEnd = rest.IndexOf(' ');
            if (firstEnd < 0) return null;
            var a = long.Parse(rest[..firstEnd], CultureInfo.InvariantCulture);
            rest = rest[(firstEnd + 1)..];
            var secondEnd = rest.IndexOf(' ');
            var b = long.Parse(secondEnd < 0 ? rest : rest[..secondEnd], CultureInfo.InvariantCulture);
            var tail = secondEnd < 0 ? null : rest[(secondEnd + 1)..].ToString();
            if (kind is not "manifest" && tail is null) return null;
            switch (kind)
            {
                case "model": modelFiles.Add(new FileStamp(tail!, a, b)); break;
                case "output": outputs.Add(new FileStamp(tail!, a, b)); break;
                case "entry": entries.Add(new ManifestEntry(tail!, a, checked((int)b))); break;
                default: at = (a, b); break;
            }
        }
        while (lines.MoveNext() && (line = lines.Current) is not null);
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
