using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Events;

/// <summary>Reads the schema files embedded in this assembly (src/ModelRunner.Events/Schemas).</summary>
public static class SchemaCatalogLoader
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
        { "string", "boolean", "integer", "number", "timestamp", "array<string>", "array<number>" };

    public static SchemaCatalog LoadEmbedded()
    {
        var assembly = typeof(SchemaCatalogLoader).Assembly;
        var atomic = ImmutableArray.CreateBuilder<(string, string)>();
        var schemas = ImmutableArray.CreateBuilder<EventSchema>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var yaml = YamlDocument.Parse(reader.ReadToEnd(), resource);
            if (resource == "schemas/atomic.yml")
            {
                foreach (var (name, type) in yaml.GetMap("columns")!) atomic.Add((name, CheckType(Text(type), resource, name)));
                continue;
            }
            var kind = yaml.GetString("kind") switch
            {
                "event" => SchemaKind.Event,
                "context" => SchemaKind.Context,
                var other => throw new ProjectException($"kind must be 'event' or 'context', not '{other}'", resource),
            };
            var fields = (yaml.GetMap("properties") ?? throw new ProjectException("a schema needs properties", resource))
                .Select(kv => new SchemaField(kv.Key, EventSchema.SnakeCase(kv.Key), CheckType(Text(kv.Value), resource, kv.Key)))
                .ToImmutableArray();
            schemas.Add(new EventSchema(
                yaml.GetString("vendor") ?? throw new ProjectException("a schema needs a vendor", resource),
                yaml.GetString("name") ?? throw new ProjectException("a schema needs a name", resource),
                yaml.GetString("version") ?? throw new ProjectException("a schema needs a version (1-0-0)", resource),
                kind, fields));
        }
        return new SchemaCatalog(atomic.ToImmutable(), schemas.ToImmutable());
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string CheckType(string type, string file, string field) =>
        Types.Contains(type) ? type : throw new ProjectException(
            $"field '{field}' has unknown type '{type}'; known: {string.Join(", ", Types)}", file);
}
