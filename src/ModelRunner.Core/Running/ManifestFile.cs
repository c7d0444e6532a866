using Microsoft.Win32.SafeHandles;

namespace ModelRunner.Core.Running;

/// <summary>
/// manifest.json as the last compile left it, read where it is needed instead of whole: an edited model's compile reads a
/// few entries and the child map, checks the layout's bytes and copies the rest, all through one 64 KB window. For 10,000
/// models the file is 8 MB, and reading it into a fresh array cost that compile 40 ms, most of it page faults.
/// </summary>
public sealed class ManifestFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly byte[] _window = new byte[64 * 1024];
    private long _windowStart;
    private int _windowLength;

    /// <summary>Opens the file; it may be replaced (moved over) while open, as <see cref="ManifestLayout.Splice"/> does.</summary>
    public ManifestFile(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    /// <summary>The byte at <paramref name="position"/> (reads walking forward through the file read it once).</summary>
    public byte this[long position]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Length);
            if (position < _windowStart || position >= _windowStart + _windowLength)
            {
                _windowStart = position;
                _windowLength = ReadInto(_window.AsSpan(0, (int)Math.Min(_window.Length, Length - position)), position);
            }
            return _window[position - _windowStart];
        }
    }

    /// <summary>The <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
    public byte[] Read(long start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Length);
        var bytes = new byte[length];
        if (ReadInto(bytes, start) != length) throw new IOException("manifest.json is shorter than when it was opened");
        return bytes;
    }

    /// <summary>Copies the bytes from <paramref name="start"/> to <paramref name="end"/> into <paramref name="output"/>.</summary>
    public void CopyTo(Stream output, long start, long end)
    {
        _windowLength = 0; // the window is the copy's buffer now
        for (var at = start; at < end;)
        {
            var read = ReadInto(_window.AsSpan(0, (int)Math.Min(_window.Length, end - at)), at);
            if (read == 0) throw new IOException("manifest.json is shorter than when it was opened");
            output.Write(_window, 0, read);
            at += read;
        }
    }

    private int ReadInto(Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length && RandomAccess.Read(_handle, buffer[total..], offset + total) is var read and > 0) total += read;
        return total;
    }

    public void Dispose() => _handle.Dispose();
}
