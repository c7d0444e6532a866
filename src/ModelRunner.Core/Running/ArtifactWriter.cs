using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Json;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>
/// Writes target/: compiled/ (rendered SQL per node), run/ (statements executed), manifest.json and
/// run_results.json, shaped like dbt's so existing tooling can read them.
/// </summary>
public sealed partial class ArtifactWriter(string projectDirectory, ProjectSettings settings, Diagnostics.SecretScrubber? secrets = null)
{
    public const string ManifestSchema = "https://schemas.getdbt.com/dbt/manifest/v12.json";
    public const string RunResultsSchema = "https://schemas.getdbt.com/dbt/run-results/v6.json";
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    // The manifest is compact, as dbt's is: with every node's SQL in it, it is the largest artifact.
    private static readonly JsonWriterOptions ManifestOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string TargetDirectory => Path.Combine(projectDirectory, settings.TargetPath);

    /// <summary>Hook statements and engine messages may hold a secret a hook read: masked in every artifact.</summary>
    private string Scrub(string text) => secrets?.Scrub(text) ?? text;

    /// <summary>Path of a node's compiled SQL, relative to the project (as printed in errors).</summary>
    public string CompiledPath(ProjectNode node) => Path.Combine(settings.TargetPath, "compiled", node.RelativePath).Replace('\\', '/');

    /// <summary>A data test's compiled SQL: beside its property file's path, as dbt does (compiled/models/x.yml/not_null_x_id.sql).</summary>
    public string CompiledPath(Testing.DataTestNode test) => Path.Combine(settings.TargetPath, "compiled",
        test.Kind == Testing.DataTestKind.Singular ? test.File : Path.Combine(test.File, test.Name + ".sql")).Replace('\\', '/');

    public void WriteCompiledTests(IReadOnlyList<Testing.CompiledTest> tests)
    {
        foreach (var test in tests)
        {
            var path = Path.Combine(projectDirectory, CompiledPath(test.Test));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, test.Sql);
        }
    }

    public void WriteCompiled(IReadOnlyList<CompiledNode> nodes)
    {
        var models = nodes.Where(n => n.Node.Kind == NodeKind.Model)
            .Select(n => (Path: Path.Combine(projectDirectory, CompiledPath(n.Node)), n.Sql, n.FromCache)).ToList();
        foreach (var directory in models.Select(m => Path.GetDirectoryName(m.Path)!).Distinct()) Directory.CreateDirectory(directory);
        Parallel.ForEach(models, model => TextFiles.WriteIfChanged(model.Path, model.Sql, sizeIsEnough: model.FromCache));
    }

    public void WriteRunStatements(IEnumerable<NodeResult> results, IReadOnlyDictionary<string, ProjectNode> nodes)
    {
        foreach (var result in results.Where(r => r.Statements.Length > 0))
        {
            // Models and seeds by their file; tests by their compiled path (unit tests run offline, on their own database).
            var relative = result.UniqueId.StartsWith("test.", StringComparison.Ordinal) && result.CompiledPath is { } compiled
                ? Path.GetRelativePath(Path.Combine(settings.TargetPath, "compiled"), compiled)
                : nodes.TryGetValue(result.Name, out var node) && node.UniqueId == result.UniqueId ? node.RelativePath : null;
            if (relative is null) continue;
            var path = Path.Combine(TargetDirectory, "run", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Scrub(string.Join(";\n\n", result.Statements) + ";\n"));
        }
    }

    /// <summary>target/sources.json, as dbt's `source freshness` writes it.</summary>
    public void WriteSources(IReadOnlyList<FreshnessResult> results, TargetSettings target)
    {
        Directory.CreateDirectory(TargetDirectory);
        static object? Limit(FreshnessLimit? limit) => limit is null ? null : new Dictionary<string, object?> { ["count"] = limit.Count, ["period"] = limit.Period };
        var document = new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, object?>
            {
                ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/sources/v3.json",
                ["generated_at"] = DateTimeOffset.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                ["invocation_id"] = Guid.NewGuid().ToString(), ["target_name"] = target.Name,
            },
            ["results"] = results.Select(r => new Dictionary<string, object?>
            {
                ["unique_id"] = r.UniqueId,
                ["status"] = r.Status switch { FreshnessStatus.Pass => "pass", FreshnessStatus.Warn => "warn", FreshnessStatus.Error => "error", _ => "runtime error" },
                ["max_loaded_at"] = r.MaxLoadedAt?.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                ["snapshotted_at"] = r.SnapshottedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                ["max_loaded_at_time_ago_in_s"] = r.Age is { } age ? Math.Round(age.TotalSeconds, 3) : null,
                ["criteria"] = new Dictionary<string, object?> { ["warn_after"] = Limit(r.Rule.WarnAfter), ["error_after"] = Limit(r.Rule.ErrorAfter), ["filter"] = r.Rule.Filter },
                ["message"] = Scrub(r.Message),
            }).ToList(),
        };
        File.WriteAllText(Path.Combine(TargetDirectory, "sources.json"), PlainJson.Serialize(document, indented: true));
    }

    public void WriteRunResults(RunResults results, TargetSettings target, IReadOnlyList<string> args)
    {
        Directory.CreateDirectory(TargetDirectory);
        using var stream = File.Create(Path.Combine(TargetDirectory, "run_results.json"));
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        WriteMetadata(json, RunResultsSchema, results.StartedAt, target);
        json.WriteStartArray("results");
        foreach (var r in results.Nodes)
        {
            json.WriteStartObject();
            json.WriteString("unique_id", r.UniqueId);
            json.WriteString("status", r.Status.ToString().ToLowerInvariant());
            json.WriteNumber("execution_time", Math.Round(r.Elapsed.TotalSeconds, 4));
            json.WriteString("thread_id", $"Thread-{r.ThreadId}");
            json.WriteString("message", Scrub(r.Message));
            json.WriteString("relation_name", r.Relation);
            if (r.Failures is { } failures) json.WriteNumber("failures", failures);
            else json.WriteNull("failures");
            json.WriteStartObject("adapter_response");
            if (r.Rows is { } rows) json.WriteNumber("rows_affected", rows);
            json.WriteNumber("database_seconds", Math.Round(r.DatabaseTime.TotalSeconds, 4));
            json.WriteEndObject();
            json.WriteStartArray("timing");
            json.WriteStartObject();
            json.WriteString("name", "execute");
            json.WriteString("started_at", r.StartedAt);
            json.WriteString("completed_at", r.StartedAt + r.Elapsed);
            json.WriteEndObject();
            json.WriteEndArray();
            if (r.CompiledPath is not null) json.WriteString("compiled_path", r.CompiledPath);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // ModelRunner's own: what each package's run processed and its warnings (README, "Run health").
        json.WriteStartArray("run_health");
        foreach (var h in results.Health) PlainJson.Write(json, h.Fields(), sortKeys: false);
        json.WriteEndArray();
        json.WriteNumber("elapsed_time", Math.Round(results.Elapsed.TotalSeconds, 4));
        json.WriteStartObject("args");
        json.WriteStartArray("invocation");
        foreach (var a in args) json.WriteStringValue(Scrub(a));
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static void WriteMetadata(Utf8JsonWriter json, string schema, DateTimeOffset generatedAt, TargetSettings target)
    {
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", schema);
        json.WriteString("generator", "modelrunner");
        json.WriteString("generated_at", generatedAt);
        json.WriteString("adapter_type", target.Type);
        json.WriteString("target_name", target.Name);
        json.WriteEndObject();
    }
}
