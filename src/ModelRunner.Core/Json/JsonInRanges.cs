using System.Buffers;
using System.Text.Json;

namespace ModelRunner.Core.Json;

/// <summary>Consecutive items serialised into one pooled buffer: each item's JSON by its index in the range.</summary>
public sealed class JsonRange : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int[] _ends;

    internal JsonRange(int first, byte[] buffer, int[] ends) { First = first; _buffer = buffer; _ends = ends; }

    /// <summary>The index of the range's first item in the whole list.</summary>
    public int First { get; }
    public int Count => _ends.Length;

    public ReadOnlySpan<byte> Item(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _buffer.AsSpan(start, _ends[index] - start);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}

/// <summary>
/// Serialises a list's items in parallel, a range of them at a time, and hands the ranges back in order as each is
/// ready: a large file (manifest.json's nodes) is written as it is serialised, with no array per item and without
/// the whole file in memory. Dispose each range when done with it (its buffer goes back to the pool).
/// </summary>
public static class JsonInRanges
{
    public static IEnumerable<JsonRange> Serialise<T>(IReadOnlyList<T> items, int rangeSize, JsonWriterOptions options, Action<Utf8JsonWriter, T> write)
    {
        var count = (items.Count + rangeSize - 1) / rangeSize;
        var ready = new TaskCompletionSource<JsonRange>[count];
        for (var r = 0; r < count; r++) ready[r] = new TaskCompletionSource<JsonRange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = Task.Run(() => Parallel.For(0, count, () => new ArrayBufferWriter<byte>(64 * 1024), (r, _, buffer) =>
        {
            try { ready[r].SetResult(SerialiseRange(items, r * rangeSize, Math.Min(rangeSize, items.Count - r * rangeSize), buffer, options, write)); }
            catch (Exception e) { ready[r].TrySetException(e); throw; }
            return buffer;
        }, _ => { }));
        var handedOut = 0;
        try
        {
            for (var r = 0; r < count; r++)
            {
                // A failed serialisation ends the wait: its exception is thrown here rather than waited on forever.
                Task.WaitAny(ready[r].Task, producer);
                if (!ready[r].Task.IsCompleted) producer.GetAwaiter().GetResult();
                var range = ready[r].Task.GetAwaiter().GetResult();
                handedOut = r + 1;
                yield return range;
            }
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // Left early (a failure here or in the caller's writing): the ranges never handed out go back to the pool.
            if (handedOut < count)
            {
                try { producer.Wait(); } catch (AggregateException) { }
                for (var r = handedOut; r < count; r++)
                    if (ready[r].Task.IsCompletedSuccessfully) ready[r].Task.Result.Dispose();
            }
        }
    }

    private static JsonRange SerialiseRange<T>(IReadOnlyList<T> items, int first, int count, ArrayBufferWriter<byte> buffer,
        JsonWriterOptions options, Action<Utf8JsonWriter, T> write)
    {
        buffer.ResetWrittenCount();
        var ends = new int[count];
        using (var writer = new Utf8JsonWriter(buffer, options))
            for (var i = 0; i < count; i++)
            {
                write(writer, items[first + i]);
                writer.Flush();
                writer.Reset(); // the next item is a value of its own
                ends[i] = buffer.WrittenCount;
            }
        var pooled = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(pooled);
        return new JsonRange(first, pooled, ends);
    }
}
