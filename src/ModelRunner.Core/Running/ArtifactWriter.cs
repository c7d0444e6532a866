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
public sealed class ArtifactWriter(string projectDirectory, ProjectSettings settings, Diagnostics.SecretScrubber? secrets = null)
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

    public string ManifestPath => Path.Combine(TargetDirectory, "manifest.json");

    /// <summary>Writes manifest.json; returns where each node's entry lies in it (see <see cref="ManifestLayout"/>).</summary>
    public ManifestLayout WriteManifest(ProjectModel project, Dag dag, IReadOnlyDictionary<string, CompiledNode> compiled,
        RelationNamer namer, TargetSettings target, DateTimeOffset generatedAt, Templating.TemplateEnvironment templates)
    {
        Directory.CreateDirectory(TargetDirectory);
        using var stream = File.Create(ManifestPath);
        using var json = new Utf8JsonWriter(stream, ManifestOptions);
        long Position() => json.BytesCommitted + json.BytesPending;
        json.WriteStartObject();
        WriteMetadata(json, ManifestSchema, generatedAt, target);
        var nodesAt = Position();
        // Nodes are serialised in parallel (the compiled SQL makes them the bulk of the file), then spliced in order.
        var nodes = dag.Ordered;
        var chunks = new byte[nodes.Length][];
        Parallel.For(0, nodes.Length,
            () => new System.Buffers.ArrayBufferWriter<byte>(64 * 1024),
            (i, _, buffer) =>
            {
                // One buffer and writer per worker, reset per node: allocating a writer per node costs more than the node.
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer, ManifestOptions)) WriteNode(writer, nodes[i], project, dag, compiled, namer);
                chunks[i] = buffer.WrittenSpan.ToArray();
                return buffer;
            },
            _ => { });
        json.WriteStartObject("nodes");
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            json.WritePropertyName(nodes[i].UniqueId);
            entries.Add(new ManifestEntry(nodes[i].UniqueId, Position(), chunks[i].Length));
            json.WriteRawValue(chunks[i], skipInputValidation: true);
        }
        json.WriteEndObject();
        json.WriteStartObject("sources");
        foreach (var source in project.Sources)
            foreach (var table in source.Tables)
            {
                var id = $"source.{project.Settings.Name}.{source.Name}.{table.Name}";
                json.WriteStartObject(id);
                json.WriteString("unique_id", id);
                json.WriteString("source_name", source.Name);
                json.WriteString("name", table.Name);
                json.WriteString("relation_name", namer.SourceRelation(source, table).ToString());
                json.WriteString("description", table.Description ?? source.Description ?? "");
                json.WriteEndObject();
            }
        json.WriteEndObject();
        // What state:modified compares (see StateFingerprints): each macro's text and each package's vars.
        json.WriteStartObject("macros");
        foreach (var (name, hash) in StateFingerprints.Macros(templates.Macros).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject($"macro.{project.Settings.Name}.{name}");
            json.WriteString("name", name);
            json.WriteString("checksum", hash);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("vars_checksums");
        foreach (var (package, hash) in StateFingerprints.Vars(project, templates.Options).OrderBy(v => v.Key, StringComparer.Ordinal))
            json.WriteString(package, hash);
        json.WriteEndObject();
        json.WriteStartObject("child_map");
        foreach (var node in dag.Ordered)
        {
            json.WriteStartArray(node.UniqueId);
            foreach (var child in dag.Children[node.Name]) json.WriteStringValue(dag.ByName[child].UniqueId);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        return new ManifestLayout(nodesAt, entries.MoveToImmutable());
    }

    /// <summary>What manifest.json says of one node, as <see cref="WriteManifest"/> writes it.</summary>
    public byte[] ManifestEntry(ProjectNode node, ProjectModel project, Dag dag, IReadOnlyDictionary<string, CompiledNode> compiled, RelationNamer namer)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, ManifestOptions)) WriteNode(writer, node, project, dag, compiled, namer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The start of manifest.json up to the nodes: the opening brace and the metadata.</summary>
    public static byte[] ManifestHeader(TargetSettings target, DateTimeOffset generatedAt)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, ManifestOptions))
        {
            json.WriteStartObject();
            WriteMetadata(json, ManifestSchema, generatedAt, target);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteNode(Utf8JsonWriter json, ProjectNode node, ProjectModel project, Dag dag,
        IReadOnlyDictionary<string, CompiledNode> compiled, RelationNamer namer)
    {
        var relation = namer.RelationOf(node);
        json.WriteStartObject();
        json.WriteString("unique_id", node.UniqueId);
        json.WriteString("name", node.Name);
        json.WriteString("resource_type", node.Kind == NodeKind.Model ? "model" : "seed");
        json.WriteString("package_name", project.Settings.Name);
        json.WriteString("original_file_path", node.RelativePath);
        json.WriteString("path", node.RelativePath);
        json.WriteString("database", relation.Database);
        json.WriteString("schema", relation.Schema);
        json.WriteString("alias", relation.Identifier);
        json.WriteString("relation_name", relation.ToString());
        if (node.Package is { } package) json.WriteString("modelrunner_package", package);
        if (node.TextHash is { } hash)
        {
            json.WriteStartObject("checksum");
            json.WriteString("name", "sha256");
            json.WriteString("checksum", hash);
            json.WriteEndObject();
        }
        json.WriteString("config_checksum", StateFingerprints.Config(node.Config));
        json.WriteString("description", node.Description ?? "");
        json.WriteStartArray("tags");
        foreach (var tag in node.Config.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WritePropertyName("config");
        PlainJson.Write(json, node.Config.Values, sortKeys: true); // same file from run to run
        json.WriteStartObject("depends_on");
        json.WriteStartArray("nodes");
        foreach (var parent in dag.Parents[node.Name]) json.WriteStringValue(dag.ByName[parent].UniqueId);
        json.WriteEndArray();
        json.WriteStartArray("sources");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in node.Sources)
        {
            var id = $"source.{project.Settings.Name}.{s.Name}.{s.Table}";
            if (written.Add(id)) json.WriteStringValue(id);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("columns");
        foreach (var column in node.Columns)
        {
            json.WriteStartObject(column.Name);
            json.WriteString("name", column.Name);
            json.WriteString("description", column.Description ?? "");
            if (column.DataType is not null) json.WriteString("data_type", column.DataType);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (compiled.TryGetValue(node.Name, out var c) && node.Kind == NodeKind.Model)
        {
            json.WriteString("compiled_path", CompiledPath(node));
            json.WriteString("compiled_code", c.Sql);
        }
        json.WriteEndObject();
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
