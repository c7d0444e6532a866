using System.Buffers.Text;
using System.Text;

namespace ModelRunner.Core.Running;

/// <summary>
/// Lines of UTF-8 written through a 64 KB buffer into a sink (a hash, a file): the compile state's lists hold some 20,000
/// stamps for a project of 10,000 models, and building them as one string first (then its bytes) cost an edited
/// model's compile more than rendering it did.
/// </summary>
internal sealed class Utf8Lines
{
    public delegate void Sink(ReadOnlySpan<byte> bytes);

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Sink _sink;
    private int _length;

    public Utf8Lines(Sink sink) => _sink = sink;

    public Utf8Lines Append(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length)
        {
            Flush();
            _sink(Encoding.UTF8.GetBytes(text));
            return this;
        }
        Room(most);
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>The number in invariant digits (a minus sign for a negative one, as the invariant culture writes it).</summary>
    public Utf8Lines Append(long value)
    {
        Room(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        return this;
    }

    public Utf8Lines Append(char ascii)
    {
        Room(1);
        _buffer[_length++] = (byte)ascii;
        return this;
    }

    /// <summary>A stamp as its lists store and hash it: "length ticks path\n".</summary>
    public Utf8Lines Stamp(FileStamp stamp) => Append(stamp.Length).Append(' ').Append(stamp.Ticks).Append(' ').Append(stamp.Path).Append('\n');

    public void Flush()
    {
        if (_length == 0) return;
        _sink(_buffer.AsSpan(0, _length));
        _length = 0;
    }

    private void Room(int bytes)
    {
        if (_length + bytes > _buffer.Length) Flush();
    }
}
