using System.Collections.Immutable;
using System.Text;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Unit-test rows as CSV: parsed from inline text or fixture files, and written to a file the engine reads
/// (so DuckDB's type detection gives dates, numbers and booleans their types, as it does for seeds).
/// An empty unquoted field is NULL.
/// </summary>
public static class CsvRows
{
    /// <summary>
    /// The rows of <paramref name="text"/>, which starts at <paramref name="line"/> of <paramref name="file"/>: a message
    /// about a row names its own line there.
    /// </summary>
    public static RowSet Parse(string text, string what, string file, int line)
    {
        var trimmed = text.TrimStart('\n', '\r', ' ');
        line += text[..(text.Length - trimmed.Length)].Count(c => c == '\n');
        var records = Records(trimmed.TrimEnd('\n', '\r', ' ')).ToList();
        if (records.Count == 0 || records[0].Fields.Count == 0 || records[0].Fields.All(c => string.IsNullOrEmpty(c)))
            throw new ProjectException($"{what}: CSV rows need a header line naming the columns", file, line);
        var header = records[0].Fields.Select(h => h!.Trim()).ToImmutableArray();
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<string?>>();
        foreach (var ((record, offset), index) in records.Skip(1).Select((r, i) => (r, i)))
        {
            if (record.Count != header.Length)
                throw new ProjectException($"{what}: CSV row {index + 1} has {record.Count} fields, the header has {header.Length}", file, line + offset);
            rows.Add(record.ToImmutableArray());
        }
        return new RowSet(header, rows.ToImmutable());
    }

    public static void Write(RowSet rows, IReadOnlyList<string> columns, string path)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", columns.Select(c => Quote(c))));
        foreach (var row in rows.Rows)
        {
            text.AppendLine(string.Join(",", columns.Select(c =>
            {
                var i = IndexOf(rows.Columns, c);
                return i < 0 || row[i] is null ? "" : Quote(row[i]!);
            })));
        }
        File.WriteAllText(path, text.ToString());
    }

    public static int IndexOf(ImmutableArray<string> columns, string name)
    {
        for (var i = 0; i < columns.Length; i++)
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>RFC 4180 records, each with the line it starts on (from 0): quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<(List<string?> Fields, int Line)> Records(string text)
    {
        if (text.Length == 0) yield break;
        var record = new List<string?>();
        var (line, start) = (0, 0);
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                if (c == '\n') line++;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; wasQuoted = true; break;
                case ',': record.Add(Field(field, wasQuoted)); wasQuoted = false; break;
                case '\r': break;
                case '\n':
                    record.Add(Field(field, wasQuoted)); wasQuoted = false;
                    yield return (record, start);
                    record = new List<string?>();
                    start = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        record.Add(Field(field, wasQuoted));
        yield return (record, start);
    }

    private static string? Field(StringBuilder field, bool wasQuoted)
    {
        var value = wasQuoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return value.Length == 0 && !wasQuoted ? null : value;
    }
}
