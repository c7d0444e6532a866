using ModelRunner.Core.Engines;

namespace ModelRunner.DuckDb;

/// <summary>DuckDB's SQL: ANSI quoting, MERGE INTO, read_csv for seeds.</summary>
public sealed class DuckDbDialect : SqlDialect
{
    /// <summary>DuckDB keeps a connection's temp tables in its own in-memory catalog, <c>temp</c>.</summary>
    public override Relation SessionTempRelation(string identifier) => new("temp", "main", identifier);

    public override string? ReadCsv(string path, IReadOnlyDictionary<string, string> columnTypes)
    {
        var types = columnTypes.Count == 0
            ? ""
            : ", types = {" + string.Join(", ", columnTypes.Select(kv => $"{QuoteString(kv.Key)}: {QuoteString(kv.Value)}")) + "}";
        // Quote and escape are stated, not sniffed: a sniffer that gave up on quoting would load quotes as data.
        return $"select * from read_csv({QuoteString(path)}, header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = true{types})";
    }
}
