namespace ModelRunner.Core.Running;

/// <summary>
/// A model is one query: what comes after a `;` would run as a statement of its own, its result thrown away, while the
/// model is built from the first (a view or table of `select 1; select 2` holds `select 1`). Found by reading the
/// rendered SQL's text: strings, quoted names and comments skipped, a trailing `;` allowed.
/// </summary>
public static class SingleQuery
{
    /// <summary>The 1-based line where a second statement starts, or null when the SQL is one statement.</summary>
    public static int? SecondStatementLine(string sql, bool backslashEscapes)
    {
        var line = 1;
        var ended = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '\n') { line++; continue; }
            if (char.IsWhiteSpace(c)) continue;
            if (c == '-' && next == '-') { i = Skip(sql, i, "\n", ref line) - 1; continue; } // the newline is counted above
            if (c == '/' && next == '*') { i = Skip(sql, i + 2, "*/", ref line) + 1; continue; }
            if (ended) return line;
            switch (c)
            {
                case ';':
                    ended = true;
                    break;
                case '\'':
                    i = Quoted(sql, i, '\'', backslashEscapes, ref line);
                    break;
                case '"' or '`':
                    i = Quoted(sql, i, c, false, ref line);
                    break;
                case '$' when DollarTag(sql, i) is { } tag:
                    i = Skip(sql, i + tag.Length, tag, ref line) + tag.Length - 1;
                    break;
            }
        }
        return null;
    }

    /// <summary>The index of the closing quote of the quoted text opening at <paramref name="start"/> (a doubled quote is one).</summary>
    private static int Quoted(string sql, int start, char quote, bool backslashEscapes, ref int line)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\n') line++;
            else if (backslashEscapes && sql[i] == '\\') i++;
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) i++;
                else return i;
            }
        }
        return sql.Length;
    }

    /// <summary>The index where <paramref name="end"/> starts at or after <paramref name="from"/> (the text's end if never), counting lines passed.</summary>
    private static int Skip(string sql, int from, string end, ref int line)
    {
        var at = sql.IndexOf(end, from, StringComparison.Ordinal);
        var stop = at < 0 ? sql.Length : at;
        for (var i = from; i < stop; i++) if (sql[i] == '\n') line++;
        return stop;
    }

    /// <summary>A dollar-quoting tag (`$$`, `$name$`) opening at <paramref name="at"/>, not a parameter such as `$1`.</summary>
    private static string? DollarTag(string sql, int at)
    {
        if (at > 0 && (char.IsLetterOrDigit(sql[at - 1]) || sql[at - 1] == '_')) return null;
        var i = at + 1;
        while (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_')) i++;
        return i < sql.Length && sql[i] == '$' ? sql[at..(i + 1)] : null;
    }
}
