using System.Text;

namespace ModelRunner.Core.Project;

/// <summary>
/// Reading and writing the project's small text files (models, compiled SQL) with one buffer each. File.ReadAllText
/// and WriteAllText set up a stream, a 4 KB buffer and a decoder per call: for a 300-byte model that is most of what a
/// compile of thousands of models allocates, and garbage collection is a large share of a big compile.
/// </summary>
public static class TextFiles
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file's text, as File.ReadAllText reads it (UTF-8 unless a byte order mark says otherwise).</summary>
    public static string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Utf8NoBom.GetString(span[3..]);
        // UTF-16 and UTF-32 marks: rare in SQL files; the framework's detection handles them.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return File.ReadAllText(path);
        return Utf8NoBom.GetString(span);
    }

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8 without a byte order mark, as File.WriteAllText does) unless the file holds
    /// exactly its bytes already (re-compiles leave most files unchanged, and rewriting one costs more than reading it). One open, no stat by path, no decoding; with
    /// <paramref name="sizeIsEnough"/> an equal size counts as unchanged (SQL the cache served, written by the run that
    /// cached it).
    /// </summary>
    public static void WriteIfChanged(string path, string text, bool sizeIsEnough)
    {
        var bytes = Utf8NoBom.GetBytes(text);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            if (RandomAccess.GetLength(handle) == bytes.Length)
            {
                if (sizeIsEnough) return;
                var existing = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes.Length);
                try
                {
                    var read = 0;
                    while (read < bytes.Length && RandomAccess.Read(handle, existing.AsSpan(read, bytes.Length - read), read) is var n and > 0) read += n;
                    if (read == bytes.Length && existing.AsSpan(0, read).SequenceEqual(bytes)) return;
                }
                finally { System.Buffers.ArrayPool<byte>.Shared.Return(existing); }
            }
        }
        catch (FileNotFoundException) { }
        catch (DirectoryNotFoundException) { }
        File.WriteAllBytes(path, bytes);
    }
}
