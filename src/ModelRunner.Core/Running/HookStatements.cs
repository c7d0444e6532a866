using System.Text.RegularExpressions;

namespace ModelRunner.Core.Running;

/// <summary>What a hook's SQL can have changed, read from its text without parsing it (when unsure: anything).</summary>
public static partial class HookStatements
{
    /// <summary>
    /// True for one INSERT, UPDATE, DELETE or MERGE that does not evolve the schema: it changes rows, not which relations
    /// exist or their columns. Several statements, or any other kind, may have changed anything.
    /// </summary>
    public static bool ChangesOnlyRows(string sql)
    {
        var text = LeadingComments().Replace(sql, "").Trim().TrimEnd(';').TrimEnd();
        if (text.Contains(';')) return false;
        return RowStatement().IsMatch(text) && !text.Contains("schema evolution", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(\s*(--[^\n]*(\n|$)|/\*.*?\*/))*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"^(insert|update|delete|merge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowStatement();
}
