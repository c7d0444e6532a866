namespace ModelRunner.Core.Diagnostics;

/// <summary>"Did you mean …" hints, by edit distance, for unknown names.</summary>
public static class Suggestions
{
    public static string DidYouMean(string wanted, IEnumerable<string> known)
    {
        var best = Closest(wanted, known);
        return best is null ? "" : $" Did you mean '{best}'?";
    }

    public static string? Closest(string wanted, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(wanted.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance) { bestDistance = d; best = candidate; }
        }
        // Only suggest names that are reasonably close: at most a third of the name differs.
        return best is not null && bestDistance <= Math.Max(2, wanted.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
