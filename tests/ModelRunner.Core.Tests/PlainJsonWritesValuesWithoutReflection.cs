using System.Collections.Immutable;
using ModelRunner.Core.Json;

namespace ModelRunner.Core.Tests;

/// <summary>
/// Artifacts, JSON logs, `ls --output json`, `show --output json` and Databricks job files are written by PlainJson,
/// which needs no reflection (the native build has none to spare).
/// </summary>
public class PlainJsonWritesValuesWithoutReflection
{
    [Fact]
    public void Scalars_lists_and_nested_maps_are_written_as_json()
    {
        var value = new Dictionary<string, object?>
        {
            ["s"] = "a\"b", ["l"] = 3L, ["i"] = 4, ["d"] = 1.5, ["m"] = 2.25m, ["t"] = true, ["n"] = null,
            ["list"] = new List<object?> { 1, "x", null },
            ["map"] = new Dictionary<string, string> { ["k"] = "v" },
            ["array"] = ImmutableArray.Create("p", "q"),
        };
        Assert.Equal("{\"s\":\"a\\u0022b\",\"l\":3,\"i\":4,\"d\":1.5,\"m\":2.25,\"t\":true,\"n\":null,"
            + "\"list\":[1,\"x\",null],\"map\":{\"k\":\"v\"},\"array\":[\"p\",\"q\"]}", PlainJson.Serialize(value));
    }

    [Fact]
    public void Maps_keep_their_order_unless_keys_are_sorted_at_every_depth()
    {
        var value = new Dictionary<string, object?> { ["b"] = 1, ["a"] = new Dictionary<string, object?> { ["z"] = 1, ["y"] = 2 } };
        Assert.Equal("{\"b\":1,\"a\":{\"z\":1,\"y\":2}}", PlainJson.Serialize(value));
        Assert.Equal("{\"a\":{\"y\":2,\"z\":1},\"b\":1}", PlainJson.Serialize(value, sortKeys: true));
    }

    [Fact]
    public void Hash_ordered_maps_come_out_the_same_whatever_their_insertion_order_when_sorted()
    {
        var one = ImmutableDictionary<string, object?>.Empty.Add("materialized", "table").Add("tags", new[] { "x" }).Add("alias", "a");
        var two = ImmutableDictionary<string, object?>.Empty.Add("alias", "a").Add("tags", new[] { "x" }).Add("materialized", "table");
        Assert.Equal(PlainJson.Serialize(one, sortKeys: true), PlainJson.Serialize(two, sortKeys: true));
    }

    [Fact]
    public void Indented_output_is_the_same_json()
    {
        var value = new Dictionary<string, object?> { ["name"] = "job", ["tasks"] = new[] { 1 } };
        var indented = PlainJson.Serialize(value, indented: true);
        Assert.Contains("\n", indented);
        Assert.Equal(PlainJson.Serialize(value), System.Text.Json.Nodes.JsonNode.Parse(indented)!.ToJsonString());
    }

    [Fact]
    public void Other_values_are_written_as_invariant_text()
    {
        Assert.Equal("\"2024-05-01T12:00:00+00:00\"", PlainJson.Serialize(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("\"00:01:00\"", PlainJson.Serialize(TimeSpan.FromMinutes(1)));
    }
}
