using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Docs;

/// <summary>A relation as the database has it: table or view, and its columns with their types in order.</summary>
public sealed record CatalogEntry(string UniqueId, Relation Relation, RelationKind Kind, ImmutableArray<ColumnInfo> Columns);

/// <summary>
/// The types of what the project built and reads, asked of the database (each schema listed once, then the columns of
/// the relations that exist, per schema), and written as dbt's catalog.json.
/// </summary>
public static class DatabaseCatalog
{
    public const string Schema = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    public static ImmutableDictionary<string, CatalogEntry> Read(IEngineSession session, IReadOnlyList<(string UniqueId, Relation Relation)> relations)
    {
        var entries = ImmutableDictionary.CreateBuilder<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var schema in relations.GroupBy(r => (r.Relation.Database, r.Relation.Schema)))
        {
            var existing = new Dictionary<string, RelationKind>(session.ListRelations(schema.Key.Database, schema.Key.Schema), StringComparer.OrdinalIgnoreCase);
            var built = schema.Where(r => existing.GetValueOrDefault(r.Relation.Identifier) != RelationKind.None).ToList();
            // The columns of a schema's relations in one round trip (one information_schema query on a warehouse).
            var columns = session.GetColumnsOf(built.Select(r => r.Relation).ToList());
            foreach (var (id, relation) in built)
                entries[id] = new CatalogEntry(id, relation, existing[relation.Identifier], columns[relation].ToImmutableArray());
        }
        return entries.ToImmutable();
    }

    public static void Write(string targetDirectory, ImmutableDictionary<string, CatalogEntry> entries, DateTimeOffset generatedAt, TargetSettings target)
    {
        Directory.CreateDirectory(targetDirectory);
        using var stream = File.Create(Path.Combine(targetDirectory, "catalog.json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        ArtifactWriter.WriteMetadata(json, Schema, generatedAt, target);
        foreach (var section in new[] { "nodes", "sources" })
        {
            json.WriteStartObject(section);
            foreach (var entry in entries.Values.Where(e => e.UniqueId.StartsWith("source.", StringComparison.Ordinal) == (section == "sources"))
                         .OrderBy(e => e.UniqueId, StringComparer.Ordinal))
            {
                json.WriteStartObject(entry.UniqueId);
                json.WriteStartObject("metadata");
                json.WriteString("type", entry.Kind == RelationKind.View ? "VIEW" : "BASE TABLE");
                if (entry.Relation.Database is { } database) json.WriteString("database", database);
                else json.WriteNull("database");
                json.WriteString("schema", entry.Relation.Schema);
                json.WriteString("name", entry.Relation.Identifier);
                json.WriteNull("comment");
                json.WriteNull("owner");
                json.WriteEndObject();
                json.WriteStartObject("columns");
                for (var i = 0; i < entry.Columns.Length; i++)
                {
                    json.WriteStartObject(entry.Columns[i].Name);
                    json.WriteString("type", entry.Columns[i].DataType);
                    json.WriteNumber("index", i + 1);
                    json.WriteString("name", entry.Columns[i].Name);
                    json.WriteNull("comment");
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteStartObject("stats");
                json.WriteEndObject();
                json.WriteString("unique_id", entry.UniqueId);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteNull("errors");
        json.WriteEndObject();
    }
}
