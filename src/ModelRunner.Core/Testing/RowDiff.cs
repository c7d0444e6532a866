using System.Globalization;
using System.Text;

namespace ModelRunner.Core.Testing;

/// <summary>
/// A readable difference between expected and actual rows: a missing and an extra row that agree on most
/// cells are shown as one row with the differing cells as <c>expected → actual</c>; the rest as - (missing) and + (extra).
/// </summary>
public static class RowDiff
{
    public static string Describe(IReadOnlyList<string> columns, IReadOnlyList<object?[]> missing, IReadOnlyList<object?[]> extra)
    {
        var lines = new List<string[]>();
        var unmatchedExtra = extra.Select(r => r.Select(Text).ToArray()).ToList();
        var pairs = new List<(string[] Expected, string[] Actual)>();
        var onlyMissing = new List<string[]>();
        foreach (var row in missing.Select(r => r.Select(Text).ToArray()))
        {
            var best = unmatchedExtra.Select(e => (Row: e, Same: e.Zip(row).Count(p => p.First == p.Second)))
                .Where(c => c.Same > 0).OrderByDescending(c => c.Same).FirstOrDefault();
            if (best.Row is null) { onlyMissing.Add(row); continue; }
            unmatchedExtra.Remove(best.Row);
            pairs.Add((row, best.Row));
        }
        lines.Add(["", .. columns]);
        foreach (var (expected, actual) in pairs)
            lines.Add(["→", .. expected.Zip(actual).Select(p => p.First == p.Second ? p.First : $"{p.First} → {p.Second}")]);
        foreach (var row in onlyMissing) lines.Add(["-", .. row]);
        foreach (var row in unmatchedExtra) lines.Add(["+", .. row]);

        var widths = Enumerable.Range(0, columns.Count + 1).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"  {missing.Count} expected row(s) not returned, {extra.Count} returned row(s) not expected "
            + "(→ differing cells as expected → actual, - missing row, + extra row):");
        foreach (var line in lines)
            text.AppendLine("    " + string.Join(" | ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return text.ToString().TrimEnd();
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "null",
        bool b => b ? "true" : "false",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
