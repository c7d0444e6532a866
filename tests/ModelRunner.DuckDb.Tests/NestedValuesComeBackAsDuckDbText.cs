using ModelRunner.Core.Engines;
using ModelRunner.DuckDb;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// Query results hold scalars as .NET values and nested values (lists, arrays, structs, maps, unions) as DuckDB's own
/// text: the same in the JIT build the tests run and in the native build users deploy, where DuckDB.NET cannot build
/// every generic list type.
/// </summary>
public class NestedValuesComeBackAsDuckDbText
{
    private static QueryResult Query(string sql, int? maxRows = null)
    {
        using var engine = new DuckDbEngineFactory().Create(new TargetSettings("p", "dev", "duckdb", "main", null, 1,
            System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty.Add("path", ":memory:"), ""), Path.GetTempPath());
        using var session = engine.OpenSession();
        return session.Query(sql, maxRows);
    }

    [Fact]
    public void Lists_structs_maps_arrays_and_unions_are_text()
    {
        var result = Query("select [1, 2]::bigint[] as l, ['2024-01-01'::timestamp] as ts, {'x': 1, 'y': ['a', null]} as s, "
            + "map {'k': 2} as m, [1, 2, 3]::int[3] as a, union_value(n := 1) as u");
        Assert.Equal(new object?[] { "[1, 2]", "['2024-01-01 00:00:00']", "{'x': 1, 'y': [a, NULL]}", "{k=2}", "[1, 2, 3]", "1" },
            result.Rows.Single());
        Assert.Equal(new[] { "l", "ts", "s", "m", "a", "u" }, result.Columns);
    }

    [Fact]
    public void Scalars_beside_nested_columns_keep_their_types_names_and_nulls()
    {
        var result = Query("select 42::bigint as n, 'x' as n, null::int[] as l, 1.5::double as d from range(3)", maxRows: 2);
        Assert.Equal(new[] { "n", "n", "l", "d" }, result.Columns);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(new object?[] { 42L, "x", null, 1.5 }, result.Rows[0]);
    }

    [Fact]
    public void A_query_ending_in_a_semicolon_or_a_line_comment_still_reads()
    {
        Assert.Equal("[1]", Query("select [1] as l; ").Rows.Single()[0]);
        Assert.Equal("[1]", Query("select [1] as l -- trailing comment").Rows.Single()[0]);
    }

    [Fact]
    public void A_query_without_nested_columns_runs_once_and_returns_values()
    {
        var result = Query("select 1 as one, 'two' as two");
        Assert.Equal(new object?[] { 1, "two" }, result.Rows.Single());
    }
}
