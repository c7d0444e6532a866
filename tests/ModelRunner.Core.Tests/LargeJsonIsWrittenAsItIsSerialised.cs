using System.Text;
using System.Text.Json;
using ModelRunner.Core.Json;

namespace ModelRunner.Core.Tests;

/// <summary>
/// manifest.json's nodes are serialised in parallel, a range at a time, and handed back in order (JsonInRanges): each
/// item's JSON is its own, whatever range it falls in, and a failure reaches the writer instead of leaving it waiting.
/// </summary>
public class LargeJsonIsWrittenAsItIsSerialised
{
    private static void Write(Utf8JsonWriter writer, int item)
    {
        writer.WriteStartObject();
        writer.WriteNumber("n", item);
        writer.WriteString("text", new string('x', item % 300)); // items of every size, some ranges larger than others
        writer.WriteEndObject();
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(1, 64)]
    [InlineData(1000, 64)]
    [InlineData(1000, 7)]
    [InlineData(128, 64)]
    public void Ranges_come_back_in_order_and_each_item_is_its_own_json(int count, int rangeSize)
    {
        var items = Enumerable.Range(0, count).ToArray();
        var seen = new List<int>();
        foreach (var range in JsonInRanges.Serialise(items, rangeSize, new JsonWriterOptions(), Write))
            using (range)
            {
                Assert.Equal(seen.Count, range.First);
                for (var i = 0; i < range.Count; i++)
                {
                    var json = JsonDocument.Parse(range.Item(i).ToArray()).RootElement;
                    Assert.Equal(range.First + i, json.GetProperty("n").GetInt32());
                    Assert.Equal((range.First + i) % 300, json.GetProperty("text").GetString()!.Length);
                    seen.Add(range.First + i);
                }
            }
        Assert.Equal(items, seen);
    }

    [Fact]
    public async Task A_failing_item_fails_the_writer_instead_of_leaving_it_waiting()
    {
        var items = Enumerable.Range(0, 1000).ToArray();
        var reading = Task.Run(() =>
        {
            foreach (var range in JsonInRanges.Serialise(items, 10, new JsonWriterOptions(), (w, item) =>
                     {
                         if (item == 555) throw new InvalidOperationException("item 555 cannot be written");
                         Write(w, item);
                     }))
                range.Dispose();
        });
        Assert.Same(reading, await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(1))));
        var error = Assert.IsType<AggregateException>(reading.Exception);
        Assert.Contains(error.Flatten().InnerExceptions, e => e.Message == "item 555 cannot be written");
    }

    [Fact]
    public async Task A_writer_that_stops_early_is_let_go()
    {
        // The writer fails after the first range (a full disk, say): the serialisation behind it finishes and the
        // enumeration ends instead of holding the caller.
        var items = Enumerable.Range(0, 5000).ToArray();
        var writing = Task.Run(() =>
        {
            foreach (var range in JsonInRanges.Serialise(items, 10, new JsonWriterOptions(), Write))
                using (range)
                    throw new IOException("no space left on device");
        });
        Assert.Same(writing, await Task.WhenAny(writing, Task.Delay(TimeSpan.FromMinutes(1))));
        Assert.IsType<IOException>(writing.Exception!.InnerException);
    }
}
