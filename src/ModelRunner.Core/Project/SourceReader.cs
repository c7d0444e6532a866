using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>Reads <c>sources:</c> entries (in models.yml or in property files), dbt's format.</summary>
public static class SourceReader
{
    public static ImmutableArray<SourceDefinition> Read(IReadOnlyList<object?> entries, string file)
    {
        var result = ImmutableArray.CreateBuilder<SourceDefinition>();
        foreach (var entry in entries)
        {
            if (entry is not YamlMap map) throw new ProjectException("each source must be a mapping with a name", file);
            var name = map.GetString("name") ?? throw new ProjectException("a source needs a 'name'", file, map.Line);
            var tables = ImmutableArray.CreateBuilder<SourceTable>();
            foreach (var t in map.GetList("tables"))
            {
                if (t is not YamlMap table) throw new ProjectException($"tables of source '{name}' must be mappings", file, map.Line);
                var tableName = table.GetString("name") ?? throw new ProjectException("a source table needs a 'name'", file, table.Line);
                tables.Add(new SourceTable(tableName, table.GetString("identifier") ?? tableName, table.GetString("description"),
                    PropertyFileReader.ReadColumns(table, file, tableName), PropertyFileReader.ReadTests(table, file, null)));
            }
            result.Add(new SourceDefinition(name, map.GetString("database"), map.GetString("schema") ?? name,
                map.GetString("description"), tables.ToImmutable(), file, map.Line));
        }
        return result.ToImmutable();
    }
}
