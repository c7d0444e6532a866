using System.Text.RegularExpressions;

namespace ModelRunner.Core.Running;

/// <summary>What a hook's SQL can have changed, read from its text without parsing it (when unsure: anything).</summary>
public static partial class HookStatements
{
    /// <summary>
    /// True for one INSERT, UPDATE, DELETE or MERGE that does not evolve the schema, or one SELECT (a package's hook with
    /// nothing to do is <c>select 1</c>): it changes rows at most, not which relations exist or their columns. Several
    /// statements, or any other kind (a WITH too: Databricks puts INSERT after one), may have changed anything.
    /// </summary>
    public static bool ChangesOnlyRows(string sql)
    {
        var text = LeadingComments().Replace(sql, "").Trim().TrimEnd(';').TrimEnd();
        if (text.Contains(';')) return false;
        if (Select().IsMatch(text)) return !Into().IsMatch(text); // SELECT … INTO makes a table where a dialect has it
        return RowStatement().IsMatch(text) && !text.Contains("schema evolution", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(\s*(--[^\n]*(\n|$)|/\*.*?\*/))*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"^(insert|update|delete|merge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowStatement();

    [GeneratedRegex(@"^select\b", RegexOptions.IgnoreCase)]
    private static partial Regex Select();

    [GeneratedRegex(@"\binto\b", RegexOptions.IgnoreCase)]
    private static partial Regex Into();
}
