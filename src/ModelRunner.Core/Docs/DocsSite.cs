using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Docs;

/// <summary>Everything the site shows, gathered by <see cref="DocsService"/>.</summary>
public sealed record DocsContent(
    ProjectModel Project,
    Dag Dag,
    RelationNamer Namer,
    IReadOnlyDictionary<string, string> CompiledSql,
    IReadOnlyList<CompiledTest> DataTests,
    IReadOnlyList<UnitTestSpec> UnitTests,
    ImmutableDictionary<string, CatalogEntry>? Catalog,
    LastRunResults Results,
    string TargetLabel,
    DateTimeOffset GeneratedAt);

/// <summary>
/// Writes the docs site: one self-contained index.html (style, scripts and the project's data inline; nothing fetched),
/// whose nodes come sources first, then models and seeds in DAG order, then tests, as the page lays them out.
/// </summary>
public static class DocsSite
{
    public static string SourceId(ProjectModel project, string source, string table) => $"source.{project.Settings.Name}.{source}.{table}";

    public static string Html(DocsContent content)
    {
        var page = Resource("index.html")
            .Replace("/*STYLE*/", Resource("docs.css"))
            .Replace("/*SELECTOR*/", Resource("selector.js"))
            .Replace("/*SCRIPT*/", Resource("docs.js"));
        // The data last, so that nothing in it is taken for a placeholder; its JSON escapes '<', '>' and '&', so no
        // description or SQL can close the script element it sits in.
        return page.Replace("/*DATA*/", Data(content));
    }

    private static string Resource(string name)
    {
        using var stream = typeof(DocsSite).Assembly.GetManifestResourceStream("ModelRunner.docs." + name)
            ?? throw new InvalidOperationException($"the docs site's {name} is not embedded in this build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Data(DocsContent c)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("project", c.Project.Settings.Name);
            json.WriteString("target", c.TargetLabel);
            json.WriteString("generated_at", c.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteBoolean("catalog", c.Catalog is not null);
            json.WriteString("run_results_at", c.Results.GeneratedAt);
            json.WriteStartArray("nodes");
            foreach (var source in c.Project.Sources)
                foreach (var table in source.Tables) WriteSource(json, c, source, table);
            foreach (var node in c.Dag.Ordered) WriteNode(json, c, node);
            foreach (var test in c.DataTests) WriteDataTest(json, c, test);
            foreach (var test in c.UnitTests) WriteUnitTest(json, c, test);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSource(Utf8JsonWriter json, DocsContent c, SourceDefinition source, SourceTable table)
    {
        var id = SourceId(c.Project, source.Name, table.Name);
        json.WriteStartObject();
        Common(json, c, id, $"{source.Name}.{table.Name}", "source", source.File, table.Description ?? source.Description);
        json.WriteString("relation", c.Namer.SourceRelation(source, table).ToString());
        Strings(json, "parents", []);
        Columns(json, c, id, table.Columns, c.DataTests.Where(t => t.Test.AttachedSource == (source.Name, table.Name)).ToList());
        Strings(json, "tests", c.DataTests.Where(t => t.Test.AttachedSource == (source.Name, table.Name)).Select(t => t.Test.UniqueId));
        if (table.Freshness is { } freshness) json.WriteString("sql", $"freshness: loaded_at_field {freshness.LoadedAtField}");
        json.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter json, DocsContent c, ProjectNode node)
    {
        json.WriteStartObject();
        Common(json, c, node.UniqueId, node.Name, node.Kind == NodeKind.Model ? "model" : "seed", node.RelativePath, node.Description);
        if (node.Package is { } package) json.WriteString("package", package);
        json.WriteString("materialized", node.Kind == NodeKind.Model ? node.Config.Materialized : "seed");
        json.WriteString("relation", c.Namer.RelationOf(node).ToString());
        Strings(json, "tags", node.Config.Tags);
        json.WriteStartObject("config");
        foreach (var key in node.Config.Values.Keys.Order(StringComparer.Ordinal)) Strings(json, key, node.Config.GetStrings(key));
        json.WriteEndObject();
        json.WriteStartArray("sources");
        foreach (var s in node.Sources.DistinctBy(s => (s.Name, s.Table)))
        {
            json.WriteStartArray();
            json.WriteStringValue(s.Name);
            json.WriteStringValue(s.Table);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        Strings(json, "parents", node.Sources.Select(s => SourceId(c.Project, s.Name, s.Table ?? "")).Distinct()
            .Concat(c.Dag.Parents[node.Name].Select(p => c.Dag.ByName[p].UniqueId)));
        var tests = c.DataTests.Where(t => t.Test.AttachedTo == node.Name).ToList();
        Columns(json, c, node.UniqueId, node.Columns, tests);
        Strings(json, "tests", tests.Select(t => t.Test.UniqueId).Concat(c.UnitTests.Where(u => u.Model == node.Name).Select(u => u.UniqueId)));
        if (node.Kind == NodeKind.Model && c.CompiledSql.TryGetValue(node.Name, out var sql)) json.WriteString("sql", sql);
        else if (node.Kind == NodeKind.Seed && File.Exists(node.FullPath))
            json.WriteString("sql", string.Join('\n', File.ReadLines(node.FullPath).Take(21)));
        Status(json, c, node.UniqueId);
        json.WriteEndObject();
    }

    private static void WriteDataTest(Utf8JsonWriter json, DocsContent c, CompiledTest compiled)
    {
        var test = compiled.Test;
        json.WriteStartObject();
        Common(json, c, test.UniqueId, test.Name, "test", test.File, null);
        var attached = test.AttachedTo is { } model && c.Dag.ByName.TryGetValue(model, out var node) ? node.UniqueId
            : test.AttachedSource is { } s ? SourceId(c.Project, s.Source, s.Table) : null;
        if (attached is not null) json.WriteString("attached_to", attached);
        if (test.Column is { } column) json.WriteString("column", column);
        Strings(json, "parents", test.DependsOn.Where(c.Dag.ByName.ContainsKey).Select(d => c.Dag.ByName[d].UniqueId));
        json.WriteString("sql", compiled.Sql);
        Status(json, c, test.UniqueId);
        json.WriteEndObject();
    }

    private static void WriteUnitTest(Utf8JsonWriter json, DocsContent c, UnitTestSpec test)
    {
        json.WriteStartObject();
        Common(json, c, test.UniqueId, test.Name, "unit_test", test.File,
            $"Given {test.Given.Length} input(s){(test.IsIncremental ? " as an incremental run" : "")}, {test.Model} returns the {test.Expect.Rows.Length} expected row(s).");
        if (c.Dag.ByName.TryGetValue(test.Model, out var model))
        {
            json.WriteString("attached_to", model.UniqueId);
            Strings(json, "parents", [model.UniqueId]);
        }
        else Strings(json, "parents", []);
        Status(json, c, test.UniqueId);
        json.WriteEndObject();
    }

    private static void Common(Utf8JsonWriter json, DocsContent c, string id, string name, string type, string path, string? description)
    {
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteString("path", path.Replace('\\', '/'));
        if (!string.IsNullOrWhiteSpace(description)) json.WriteString("description", description.Trim());
    }

    /// <summary>Declared columns merged with the database's: its order and types first, then what is only declared.</summary>
    private static void Columns(Utf8JsonWriter json, DocsContent c, string id, ImmutableArray<ColumnSpec> declared, IReadOnlyList<CompiledTest> tests)
    {
        var byName = declared.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var actual = c.Catalog is not null && c.Catalog.TryGetValue(id, out var entry) ? entry.Columns : [];
        var names = actual.Select(a => a.Name).Concat(declared.Select(d => d.Name)).Distinct(StringComparer.OrdinalIgnoreCase);
        json.WriteStartArray("columns");
        foreach (var name in names)
        {
            byName.TryGetValue(name, out var spec);
            json.WriteStartObject();
            json.WriteString("name", name);
            var type = actual.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.DataType ?? spec?.DataType;
            if (type is not null) json.WriteString("type", type);
            if (!string.IsNullOrWhiteSpace(spec?.Description)) json.WriteString("description", spec.Description.Trim());
            Strings(json, "tests", tests.Where(t => name.Equals(t.Test.Column, StringComparison.OrdinalIgnoreCase)).Select(t => t.Test.UniqueId));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Status(Utf8JsonWriter json, DocsContent c, string id)
    {
        if (!c.Results.ByUniqueId.TryGetValue(id, out var outcome)) return;
        json.WriteStartObject("status");
        json.WriteString("status", outcome.Status);
        if (outcome.Message.Length > 0) json.WriteString("message", outcome.Message);
        if (outcome.ExecutionTime is { } time) json.WriteNumber("execution_time", time);
        if (outcome.Failures is { } failures) json.WriteNumber("failures", failures);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
