using System.Text.RegularExpressions;

namespace ModelRunner.Core.Running;

/// <summary>What a hook's SQL can have changed, read from its text without parsing it (when unsure: anything).</summary>
public static partial class HookStatements
{
    /// <summary>
    /// True for one INSERT, UPDATE, DELETE or MERGE that does not evolve the schema, or one SELECT, or nothing at all (an
    /// empty hook, never sent): it changes rows at most, not which relations exist or their columns. Several statements,
    /// or any other kind (a WITH too: Databricks puts INSERT after one), may have changed anything.
    /// </summary>
    public static bool ChangesOnlyRows(string sql)
    {
        if (IsEmpty(sql)) return true; // never sent (see IsEmpty)
        var text = LeadingComments().Replace(sql, "").Trim().TrimEnd(';').TrimEnd();
        if (text.Contains(';')) return false;
        if (Select().IsMatch(text)) return !Into().IsMatch(text); // SELECT … INTO makes a table where a dialect has it
        return RowStatement().IsMatch(text) && !text.Contains("schema evolution", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A hook that renders to nothing but white space is not sent at all, as dbt skips one (a package's hook with nothing
    /// to do renders so; on a warehouse each statement sent is a round trip).
    /// </summary>
    public static bool IsEmpty(string sql) => string.IsNullOrWhiteSpace(sql);

    [GeneratedRegex(@"^(\s*(--[^\n]*(\n|$)|/\*.*?\*/))*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"^(insert|update|delete|merge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowStatement();

    [GeneratedRegex(@"^select\b", RegexOptions.IgnoreCase)]
    private static partial Regex Select();

    [GeneratedRegex(@"\binto\b", RegexOptions.IgnoreCase)]
    private static partial Regex Into();
}
