using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Json;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>manifest.json: written whole by a compile or a run, or one entry at a time (see <see cref="ManifestLayout"/>).</summary>
public sealed partial class ArtifactWriter
{
    private const int FlushAt = 64 * 1024;
    private const int NodesPerRange = 64;

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
        var nodes = dag.Ordered;
        json.WriteStartObject("nodes");
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>(nodes.Length);
        // Nodes are serialised in parallel (the compiled SQL makes them the bulk of the file), a range of them into one
        // pooled buffer, and written out in order as each range's turn comes: no array per node, and the file is never
        // whole in memory (8 MB at 10k models).
        foreach (var range in JsonInRanges.Serialise(nodes, NodesPerRange, ManifestOptions, (w, node) => WriteNode(w, node, project, dag, compiled, namer)))
            using (range)
                for (var i = 0; i < range.Count; i++)
                {
                    var node = nodes[range.First + i];
                    json.WritePropertyName(node.UniqueId);
                    var bytes = range.Item(i);
                    entries.Add(new ManifestEntry(node.UniqueId, Position(), bytes.Length));
                    json.WriteRawValue(bytes, skipInputValidation: true);
                    // A writer over a stream keeps everything pending until flushed.
                    if (json.BytesPending > FlushAt) json.Flush();
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
        var childMapAt = Position();
        json.WriteStartObject("child_map");
        foreach (var node in dag.Ordered)
        {
            json.WriteStartArray(node.UniqueId);
            foreach (var child in dag.Children[node.Name]) json.WriteStringValue(dag.ByName[child].UniqueId);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        return new ManifestLayout(nodesAt, entries.MoveToImmutable(), childMapAt);
    }

    /// <summary>What manifest.json says of one node, as <see cref="WriteManifest"/> writes it.</summary>
    public byte[] ManifestEntry(ProjectNode node, ProjectModel project, Dag dag, IReadOnlyDictionary<string, CompiledNode> compiled, RelationNamer namer)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, ManifestOptions)) WriteNode(writer, node, project, dag, compiled, namer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The child map of <paramref name="manifest"/> (from <paramref name="layout"/>'s child map to its end), with
    /// <paramref name="added"/> nodes as children of their parents (each list kept in order) and with lists of their own,
    /// and without the <paramref name="removed"/> nodes, as the member that ends the file: <c>,"child_map":{…}</c>. Null
    /// when a parent is not in the map, or a removed node has a child that stays (a whole compile would fail on it).
    /// </summary>
    public static byte[]? ChildMapWith(ManifestFile manifest, ManifestLayout layout, IEnumerable<(string Child, IEnumerable<string> Parents)> added,
        IReadOnlySet<string> removed)
    {
        var member = ",\"child_map\":"u8;
        // From the child map to the end of the file, whose last brace is not the map's.
        var tail = manifest.Read(layout.ChildMapAt, checked((int)(manifest.Length - layout.ChildMapAt)));
        if (!tail.AsSpan().StartsWith(member)) return null;
        var map = JsonNode.Parse(tail.AsSpan(member.Length, tail.Length - 1 - member.Length))!.AsObject();
        foreach (var gone in removed)
        {
            if (map[gone] is not JsonArray children || children.Any(c => !removed.Contains(c!.GetValue<string>()))) return null;
            map.Remove(gone);
        }
        if (removed.Count > 0)
            foreach (var (parent, list) in map.ToList())
                if (list is JsonArray children && children.Any(c => removed.Contains(c!.GetValue<string>())))
                    map[parent] = new JsonArray(children.Select(c => c!.GetValue<string>()).Where(c => !removed.Contains(c))
                        .Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
        var nodes = added.ToList();
        foreach (var (child, _) in nodes) map[child] ??= new JsonArray();
        foreach (var (child, parents) in nodes)
            foreach (var parent in parents)
            {
                if (map[parent] is not JsonArray list) return null;
                var children = list.Select(c => c!.GetValue<string>()).Append(child).Distinct().Order(StringComparer.Ordinal).ToList();
                map[parent] = new JsonArray(children.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
            }
        var buffer = new ArrayBufferWriter<byte>(tail.Length + 1024);
        buffer.Write(member);
        using (var json = new Utf8JsonWriter(buffer, ManifestOptions)) map.WriteTo(json);
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
}
