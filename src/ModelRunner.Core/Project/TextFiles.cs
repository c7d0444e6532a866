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
    // Reading: bytes that are not UTF-8 are an error, never a silent U+FFFD in the SQL that runs.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The file's text: UTF-8 (a byte order mark may say UTF-16 or UTF-32 instead). A file that is not valid UTF-8 — one
    /// saved as Latin-1, say — is refused with its path and the line of the first bad byte.
    /// </summary>
    public static string Read(string path, string? displayPath = null)
    {
        if (LinuxFileReader.TryRead(path, int.MaxValue, out var buffer, out var length))
        {
            try { return Decode(buffer.AsSpan(0, length), path, displayPath); }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        }
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Diagnostics.ProjectException($"cannot read the file: {e.Message}", displayPath ?? path, 0);
        }
        return Decode(bytes, path, displayPath);
    }

    private static string Decode(ReadOnlySpan<byte> span, string path, string? displayPath)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return File.ReadAllText(path);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        try { return StrictUtf8.GetString(span); }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index : 0;
            var line = 1 + span[..Math.Min(at, span.Length)].Count((byte)'\n');
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? $" (byte 0x{unknown[0]:X2})" : "";
            throw new Diagnostics.ProjectException($"the file is not valid UTF-8{bad}; save it as UTF-8 (it may be Latin-1 or Windows-1252)",
                displayPath ?? path, line);
        }
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
        if (!Holds(path, bytes, sizeIsEnough)) File.WriteAllBytes(path, bytes);
    }

    /// <summary>Whether the file holds exactly <paramref name="bytes"/> (with <paramref name="sizeIsEnough"/>, as many); false when it is missing.</summary>
    private static bool Holds(string path, byte[] bytes, bool sizeIsEnough)
    {
        // One byte past the text's is enough to see a longer file.
        if (LinuxFileReader.TryRead(path, bytes.Length + 1, out var buffer, out var length))
        {
            try { return length == bytes.Length && (sizeIsEnough || buffer.AsSpan(0, length).SequenceEqual(bytes)); }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        }
        // Elsewhere, .NET's API: the size first, the bytes only when it matches.
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            if (RandomAccess.GetLength(handle) != bytes.Length) return false;
            if (sizeIsEnough) return true;
            var existing = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes.Length);
            try
            {
                var read = 0;
                while (read < bytes.Length && RandomAccess.Read(handle, existing.AsSpan(read, bytes.Length - read), read) is var n and > 0) read += n;
                return read == bytes.Length && existing.AsSpan(0, read).SequenceEqual(bytes);
            }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(existing); }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return false; }
    }
}
