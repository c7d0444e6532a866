namespace ModelRunner.Core.Project;

/// <summary>
/// Checks that a seed's CSV is well formed (RFC 4180: comma-separated, fields optionally in double quotes with "" for
/// a quote) before anything loads it: an unterminated quote, text after a closing quote, or a row with more or fewer
/// fields than the header is an error at its line. A CSV reader that guessed otherwise would load a quote as data or
/// shift columns without a word.
/// </summary>
public static class CsvShape
{
    /// <summary>The first problem of the file, with its 1-based line, or null.</summary>
    public static (int Line, string Message)? FirstProblem(string text)
    {
        // No header: DuckDB would invent a column0 and load a table of nothing.
        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF'))) return (1, "the file is empty: a seed needs a header line naming its columns");
        int line = 1, recordLine = 1, fields = 1, expected = -1, quoteLine = 0;
        var inQuotes = false;
        var afterQuote = false; // a quoted field just closed: only a delimiter or a line end may follow
        var fieldStart = true;
        var recordEmpty = true; // blank lines are no records
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('\n' or '\r')) recordEmpty = false;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { i++; continue; }
                    inQuotes = false;
                    afterQuote = true;
                }
                else if (c == '\n') line++;
                continue;
            }
            switch (c)
            {
                case '"' when fieldStart:
                    inQuotes = true;
                    quoteLine = line;
                    fieldStart = false;
                    break;
                case ',':
                    fields++;
                    fieldStart = true;
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (!recordEmpty && EndRecord(ref expected, fields, recordLine) is { } problem) return problem;
                    recordEmpty = true;
                    line++;
                    recordLine = line;
                    fields = 1;
                    fieldStart = true;
                    afterQuote = false;
                    break;
                default:
                    if (afterQuote) return (line, "text after a closing quote (a field in quotes must end at the quote; a quote inside one is written \"\")");
                    fieldStart = false;
                    break;
            }
        }
        if (inQuotes) return (quoteLine, "a quote opened here is never closed");
        // A last line without a line break is a record too.
        return recordEmpty ? null : EndRecord(ref expected, fields, recordLine);
    }

    private static (int, string)? EndRecord(ref int expected, int fields, int recordLine)
    {
        if (expected < 0) { expected = fields; return null; }
        return fields == expected ? null : (recordLine, $"{fields} field(s) where the header has {expected}");
    }
}
