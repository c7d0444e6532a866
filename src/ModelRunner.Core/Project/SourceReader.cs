using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>Reads <c>sources:</c> entries (in models.yml or in property files), dbt's format.</summary>
public static class SourceReader
{
    // dbt's properties of a source and of its tables; one it does not know is refused, as dbt's schema check does (a
    // misspelt identifier would otherwise read the table named like the source table).
    private static readonly string[] SourceKeys =
        ["name", "description", "database", "schema", "loader", "loaded_at_field", "meta", "tags", "config", "overrides", "freshness", "quoting", "tables", "docs"];
    private static readonly string[] TableKeys =
        ["name", "description", "identifier", "loaded_at_field", "meta", "tags", "config", "freshness", "quoting", "external", "columns", "tests", "data_tests", "docs", "event_time"];

    public static ImmutableArray<SourceDefinition> Read(IReadOnlyList<object?> entries, string file)
    {
        var result = ImmutableArray.CreateBuilder<SourceDefinition>();
        foreach (var entry in entries)
        {
            if (entry is not YamlMap map) throw new ProjectException("each source must be a mapping with a name", file);
            var name = map.GetString("name") ?? throw new ProjectException("a source needs a 'name'", file, map.Line);
            PropertyFileReader.RefuseUnknownKeys(map, SourceKeys, $"source '{name}'", file);
            var tables = ImmutableArray.CreateBuilder<SourceTable>();
            foreach (var t in map.GetList("tables"))
            {
                if (t is not YamlMap table) throw new ProjectException($"tables of source '{name}' must be mappings", file, map.Line);
                var tableName = table.GetString("name") ?? throw new ProjectException("a source table needs a 'name'", file, table.Line);
                PropertyFileReader.RefuseUnknownKeys(table, TableKeys, $"source table '{name}.{tableName}'", file);
                tables.Add(new SourceTable(tableName, table.GetString("identifier") ?? tableName, table.GetString("description"),
                    PropertyFileReader.ReadColumns(table, file, tableName), PropertyFileReader.ReadTests(table, file, null))
                    {
                        Freshness = Freshness(map, table, file, $"{name}.{tableName}"),
                        EventTime = table.GetString("event_time") ?? table.GetMap("config")?.GetString("event_time"),
                    });
            }
            result.Add(new SourceDefinition(name, map.GetString("database"), map.GetString("schema") ?? name,
                map.GetString("description"), tables.ToImmutable(), file, map.Line));
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The table's freshness rule: its own freshness: and loaded_at_field, each else its source's; `freshness: null` on
    /// the table turns the source's off (dbt's rules). Checked here, when the project loads.
    /// </summary>
    private static FreshnessRule? Freshness(YamlMap source, YamlMap table, string file, string name)
    {
        var (rule, where) = table.ContainsKey("freshness") ? (table["freshness"], table) : (source.GetValueOrDefault("freshness"), source);
        if (rule is null) return null;
        if (rule is not YamlMap map) throw new ProjectException($"source {name}: freshness must be a mapping (warn_after, error_after, filter)", file, where.Line);
        var field = table.GetString("loaded_at_field") ?? source.GetString("loaded_at_field")
            ?? throw new ProjectException($"source {name}: freshness needs loaded_at_field (the column holding when a row was loaded)", file, where.Line);
        var known = new[] { "warn_after", "error_after", "filter" };
        foreach (var key in map.Keys.Where(k => !known.Contains(k)))
            throw new ProjectException($"source {name}: unknown freshness key '{key}'; known: {string.Join(", ", known)}.{Suggestions.DidYouMean(key, known)}", file, map.LineOf(key));
        var warn = Limit(map, "warn_after", file, name);
        var error = Limit(map, "error_after", file, name);
        if (warn is null && error is null) throw new ProjectException($"source {name}: freshness needs warn_after or error_after", file, map.Line);
        return new FreshnessRule(field, warn, error, map.GetString("filter"), file, map.Line);
    }

    private static FreshnessLimit? Limit(YamlMap freshness, string key, string file, string name)
    {
        if (freshness.GetMap(key) is not { } limit) return null;
        var count = limit.GetValueOrDefault("count") is long c and > 0 ? c
            : throw new ProjectException($"source {name}: {key}.count must be a whole number above 0", file, limit.Line);
        var period = limit.GetString("period");
        if (period is not ("minute" or "hour" or "day"))
            throw new ProjectException($"source {name}: {key}.period must be minute, hour or day (got '{period}')", file, limit.Line);
        return new FreshnessLimit(count, period);
    }
}
