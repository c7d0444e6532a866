using System.Collections.Immutable;
using System.Text.Json;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Running;

/// <summary>What the last run_results.json says of one node: its status, message, time and failing rows.</summary>
public sealed record NodeOutcome(string UniqueId, string Status, string Message, double? ExecutionTime, long? Failures);

/// <summary>
/// target/run_results.json as the last run wrote it: when, the command line it ran (`retry` runs it again) and each
/// node's outcome in the order written (the docs site shows them).
/// </summary>
public sealed record LastRunResults(string? GeneratedAt, ImmutableArray<string> Invocation, ImmutableArray<NodeOutcome> Results)
{
    public static readonly LastRunResults None = new(null, [], []);

    public ImmutableDictionary<string, NodeOutcome> ByUniqueId { get; } =
        Results.GroupBy(r => r.UniqueId, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>The results in <paramref name="targetDirectory"/>, or <see cref="None"/> when no run wrote any yet.</summary>
    public static LastRunResults Read(string targetDirectory)
    {
        var path = Path.Combine(targetDirectory, "run_results.json");
        if (!File.Exists(path)) return None;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var generatedAt = root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("generated_at", out var at)
                && DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var when)
                ? when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : null;
            var invocation = root.TryGetProperty("args", out var args) && args.TryGetProperty("invocation", out var words)
                ? words.EnumerateArray().Select(a => a.GetString() ?? "").ToImmutableArray() : [];
            var results = root.GetProperty("results").EnumerateArray().Select(r => new NodeOutcome(
                r.GetProperty("unique_id").GetString() ?? "",
                r.GetProperty("status").GetString() ?? "",
                r.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "",
                r.TryGetProperty("execution_time", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
                r.TryGetProperty("failures", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt64() : null)).ToImmutableArray();
            return new LastRunResults(generatedAt, invocation, results);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ProjectException($"{path}: not a run_results.json this program can read ({e.Message}); delete it or run again");
        }
    }
}
