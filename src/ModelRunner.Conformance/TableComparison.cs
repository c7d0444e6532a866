using System.Globalization;
using ModelRunner.Core.Engines;

namespace ModelRunner.Conformance;

/// <summary>An expected table of a scenario: the relation we build, Snowplow's CSV, the key that pairs rows for cell counts,
/// the decimals floating-point columns are rounded to on both sides (null: compared exactly), and the columns compared
/// (null: every expected column).</summary>
public sealed record ExpectedTable(string Name, Relation Actual, string ExpectedCsv, string Key, int? RoundDecimals = null,
    IReadOnlyList<string>? Columns = null);

public sealed record ComparisonResult(string Name, long ActualRows, long ExpectedRows, long RowsMatched, long CellsAgreeing, long CellsCompared,
    IReadOnlyList<string> Differences)
{
    public bool Equal => ActualRows == ExpectedRows && RowsMatched == ExpectedRows && CellsAgreeing == CellsCompared && Differences.Count == 0;

    public override string ToString() =>
        $"{Name}: {RowsMatched}/{ExpectedRows} rows matched ({ActualRows} built), {CellsAgreeing}/{CellsCompared} cells agree"
        + (Equal ? "" : "\n" + string.Join("\n", Differences.Select(d => "    " + d)));
}

/// <summary>
/// Compares a built table with Snowplow's expected CSV under the scenario's rules: the expected columns only
/// (model_tstamp is not compared), each expected cell read as the type of our column (arrays from their JSON text,
/// booleans in any case), rows compared as multisets both ways, and cells compared on rows paired by the key.
/// </summary>
public sealed class TableComparison(IEngineSession session, SqlDialect dialect)
{
    private static readonly HashSet<string> NotCompared = new(StringComparer.OrdinalIgnoreCase) { "model_tstamp", "start_tstamp_date" };

    public ComparisonResult Compare(ExpectedTable table)
    {
        var differences = new List<string>();
        var actualColumns = session.GetColumns(table.Actual).ToDictionary(c => c.Name, c => c.DataType, StringComparer.OrdinalIgnoreCase);
        var raw = new Relation("temp", "main", "expected_raw");
        var expected = new Relation("temp", "main", "expected_typed");
        session.Execute($"create or replace temp table expected_raw as select * from read_csv({dialect.QuoteString(table.ExpectedCsv)}, "
            + "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')");
        var columns = session.GetColumns(raw).Select(c => c.Name)
            .Where(c => table.Columns is null || table.Columns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var missing in columns.Where(c => !actualColumns.ContainsKey(c)))
            differences.Add($"column {missing} is expected but not built");
        foreach (var extra in actualColumns.Keys.Where(c => table.Columns is null && !columns.Contains(c, StringComparer.OrdinalIgnoreCase) && !NotCompared.Contains(c)))
            differences.Add($"column {extra} is built but not expected");
        var compared = columns.Where(c => actualColumns.ContainsKey(c) && !NotCompared.Contains(c)).ToList();
        session.Execute("create or replace temp table expected_typed as select "
            + string.Join(", ", compared.Select(c => $"{Typed(c, actualColumns[c])} as {dialect.QuoteIdentifier(c)}")) + " from expected_raw");

        var list = string.Join(", ", compared.Select(c => Rounded(c, actualColumns[c], table.RoundDecimals)));
        var actual = $"select {list} from {dialect.Render(table.Actual)}";
        var expectedRows = $"select {list} from {dialect.Render(expected)}";
        long Count(string sql) => Convert.ToInt64(session.Query($"select count(*) from ({sql}) as counted").Rows[0][0], CultureInfo.InvariantCulture);
        var actualCount = Count(actual);
        var expectedCount = Count(expectedRows);
        var matched = Count($"{actual} intersect all {expectedRows}");
        foreach (var row in session.Query($"{expectedRows} except all {actual}", 3).Rows)
            differences.Add($"expected, not built: {Describe(compared, row)}");
        foreach (var row in session.Query($"{actual} except all {expectedRows}", 3).Rows)
            differences.Add($"built, not expected: {Describe(compared, row)}");

        var key = dialect.QuoteIdentifier(table.Key);
        var agreeing = string.Join(" + ", compared.Select(c =>
            $"case when a.{dialect.QuoteIdentifier(c)} is not distinct from e.{dialect.QuoteIdentifier(c)} then 1 else 0 end"));
        var cells = session.Query($"select count(*) * {compared.Count}, cast(coalesce(sum({agreeing}), 0) as bigint) from ({actual}) as a join ({expectedRows}) as e on a.{key} = e.{key}").Rows[0];
        var cellsCompared = Convert.ToInt64(cells[0], CultureInfo.InvariantCulture) + (expectedCount - Count($"select e.{key} from ({expectedRows}) as e join ({actual}) as a on a.{key} = e.{key}")) * compared.Count;
        foreach (var column in compared)
        {
            var q = dialect.QuoteIdentifier(column);
            var disagreeing = session.Query($"select a.{key}, a.{q}, e.{q} from ({actual}) as a join ({expectedRows}) as e on a.{key} = e.{key} "
                + $"where a.{q} is distinct from e.{q} limit 2");
            foreach (var row in disagreeing.Rows)
                differences.Add($"{table.Key}={Text(row[0])}: {column} built {Text(row[1])}, expected {Text(row[2])}");
        }
        return new ComparisonResult(table.Name, actualCount, expectedCount, matched,
            Convert.ToInt64(cells[1], CultureInfo.InvariantCulture), cellsCompared, differences);
    }

    /// <summary>A column as compared: floating-point and decimal columns rounded when the scenario says so.</summary>
    private string Rounded(string column, string type, int? decimals)
    {
        var c = dialect.QuoteIdentifier(column);
        var numeric = type is "DOUBLE" or "FLOAT" or "REAL" || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase);
        return decimals is { } d && numeric ? $"round({c}, {d}) as {c}" : c;
    }

    /// <summary>The expected text read as our column's type: arrays from JSON, booleans in any case, the text null as NULL.</summary>
    private string Typed(string column, string type)
    {
        var c = dialect.QuoteIdentifier(column);
        var value = $"nullif({c}, 'null')";
        if (type.EndsWith("[]", StringComparison.Ordinal)) return $"try_cast(cast({value} as json) as {type})";
        if (type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase)) return c;
        if (type.Equals("BOOLEAN", StringComparison.OrdinalIgnoreCase)) return $"try_cast(lower({value}) as boolean)";
        return $"try_cast({value} as {type})";
    }

    private static string Describe(IReadOnlyList<string> columns, object?[] row) =>
        string.Join(", ", columns.Zip(row).Take(8).Select(p => $"{p.First}={Text(p.Second)}")) + (columns.Count > 8 ? ", …" : "");

    private static string Text(object? value) => value switch
    {
        null or DBNull => "NULL",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e and not string => "[" + string.Join(",", e.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}
