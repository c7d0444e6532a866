using System.Collections.Immutable;
using System.Text.Json;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Docs;

/// <summary>What the last run_results.json says of one node: its status, message, time and failing rows.</summary>
public sealed record NodeOutcome(string Status, string Message, double? ExecutionTime, long? Failures);

/// <summary>The outcome of each node in target/run_results.json, if a run wrote one.</summary>
public sealed record LastRunResults(string? GeneratedAt, ImmutableDictionary<string, NodeOutcome> ByUniqueId)
{
    public static readonly LastRunResults None = new(null, ImmutableDictionary<string, NodeOutcome>.Empty);

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
            var results = ImmutableDictionary.CreateBuilder<string, NodeOutcome>(StringComparer.Ordinal);
            foreach (var r in root.GetProperty("results").EnumerateArray())
            {
                var id = r.GetProperty("unique_id").GetString() ?? "";
                results[id] = new NodeOutcome(
                    r.GetProperty("status").GetString() ?? "",
                    r.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "",
                    r.TryGetProperty("execution_time", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
                    r.TryGetProperty("failures", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt64() : null);
            }
            return new LastRunResults(generatedAt, results.ToImmutable());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ProjectException($"{path}: not a run_results.json this program can read ({e.Message}); delete it or run again");
        }
    }
}
