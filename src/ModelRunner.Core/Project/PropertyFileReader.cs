using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>What a property file says about one model or seed.</summary>
public sealed record NodePatch(
    string Name,
    string? Description,
    ImmutableDictionary<string, object?> Config,
    ImmutableArray<ColumnSpec> Columns,
    ImmutableArray<DataTestSpec> Tests,
    string File,
    int Line);

/// <summary>All property files of the project, merged.</summary>
public sealed record PropertyFiles(
    ImmutableDictionary<string, NodePatch> Models,
    ImmutableDictionary<string, NodePatch> Seeds,
    ImmutableArray<SourceDefinition> Sources,
    ImmutableArray<Testing.UnitTestSpec> UnitTests);

/// <summary>Reads property files (models/**/*.yml): descriptions, columns, config and data tests.</summary>
public static class PropertyFileReader
{
    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
        { "version", "models", "seeds", "sources", "macros", "unit_tests", "exposures", "metrics", "semantic_models" };

    // dbt's properties of a model or seed entry and of a column; those ModelRunner honours, and those that change no
    // result (docs, meta, access, group). Any other is refused at its line, as dbt's schema check does: a misspelt
    // data_tests or config would otherwise drop the tests or the config without a word.
    private static readonly string[] EntryKeys = ["name", "description", "config", "columns", "data_tests", "tests", "docs", "meta", "access", "group", "deprecation_date"];
    private static readonly string[] ColumnKeys = ["name", "description", "data_type", "data_tests", "tests", "docs", "meta", "tags", "quote", "config", "granularity", "policy_tags"];
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["versions"] = "model versions are not supported: give each version a model of its own",
        ["latest_version"] = "model versions are not supported: give each version a model of its own",
        ["constraints"] = "model contracts and their constraints are not supported: check them with data tests (not_null, unique, …)",
    };

    /// <summary>
    /// Refuses a key of <paramref name="map"/> outside <paramref name="known"/>, with a suggestion or, on a model or seed
    /// entry (<paramref name="configHint"/>), where a config key goes.
    /// </summary>
    public static void RefuseUnknownKeys(YamlMap map, string[] known, string what, string file, bool configHint = false)
    {
        foreach (var key in map.Keys.Where(k => !known.Contains(k)))
        {
            var why = Unsupported.TryGetValue(key, out var reason) ? reason
                : configHint && ConfigValidator.KnownKeys(NodeKind.Model).Contains(NodeConfig.NormalizeKey(key))
                    ? $"'{key}' is a config: write it under config: ({key}: …)"
                    : $"unknown key '{key}'.{Suggestions.DidYouMean(key, known)}";
            throw new ProjectException($"{what}: {why}", file, map.LineOf(key));
        }
    }

    public static PropertyFiles Read(IEnumerable<(string FullPath, string DisplayPath)> files, string projectRoot)
    {
        var models = new Dictionary<string, NodePatch>(StringComparer.Ordinal);
        var seeds = new Dictionary<string, NodePatch>(StringComparer.Ordinal);
        var sources = ImmutableArray.CreateBuilder<SourceDefinition>();
        var unitTests = ImmutableArray.CreateBuilder<Testing.UnitTestSpec>();
        var errors = new List<Diagnostic>();
        foreach (var (fullPath, displayPath) in files)
        {
            try
            {
                var yaml = YamlDocument.LoadFile(fullPath, displayPath);
                foreach (var key in yaml.Keys.Where(k => !TopLevelKeys.Contains(k)))
                    errors.Add(new Diagnostic($"unknown key '{key}' in a property file.{Suggestions.DidYouMean(key, TopLevelKeys)}", displayPath, yaml.LineOf(key)));
                ReadPatches(yaml.GetList("models"), displayPath, models, errors);
                ReadPatches(yaml.GetList("seeds"), displayPath, seeds, errors);
                sources.AddRange(SourceReader.Read(yaml.GetList("sources"), displayPath));
                unitTests.AddRange(Testing.UnitTestReader.Read(yaml.GetList("unit_tests"), projectRoot, fullPath, displayPath));
            }
            catch (ProjectException e) { errors.AddRange(e.Diagnostics); }
        }
        if (errors.Count > 0) throw new ProjectException(errors);
        return new PropertyFiles(models.ToImmutableDictionary(), seeds.ToImmutableDictionary(), sources.ToImmutable(), unitTests.ToImmutable());
    }

    private static void ReadPatches(IReadOnlyList<object?> entries, string file, Dictionary<string, NodePatch> into, List<Diagnostic> errors)
    {
        foreach (var entry in entries)
        {
            if (entry is not YamlMap map) { errors.Add(new Diagnostic("each entry must be a mapping with a name", file)); continue; }
            var name = map.GetString("name");
            if (name is null) { errors.Add(new Diagnostic("an entry needs a 'name'", file, map.Line)); continue; }
            try { RefuseUnknownKeys(map, EntryKeys, $"'{name}'", file, configHint: true); }
            catch (ProjectException e) { errors.AddRange(e.Diagnostics); continue; }
            if (into.TryGetValue(name, out var existing))
            {
                errors.Add(new Diagnostic($"'{name}' is described twice (also in {existing.File}:{existing.Line})", file, map.Line));
                continue;
            }
            var config = (map.GetMap("config") ?? new YamlMap(file, map.Line))
                .ToImmutableDictionary(kv => NodeConfig.NormalizeKey(kv.Key), kv => kv.Value);
            into[name] = new NodePatch(name, map.GetString("description"), config,
                ReadColumns(map, file, name), ReadTests(map, file, null), file, map.Line);
        }
    }

    public static ImmutableArray<ColumnSpec> ReadColumns(YamlMap owner, string file, string ownerName)
    {
        var columns = ImmutableArray.CreateBuilder<ColumnSpec>();
        foreach (var c in owner.GetList("columns"))
        {
            if (c is not YamlMap column) throw new ProjectException($"columns of '{ownerName}' must be mappings", file, owner.Line);
            var name = column.GetString("name") ?? throw new ProjectException("a column needs a 'name'", file, column.Line);
            RefuseUnknownKeys(column, ColumnKeys, $"column '{name}' of '{ownerName}'", file);
            if (column.GetValueOrDefault("tags") is YamlMap)
                throw new ProjectException($"tags of column '{name}' of '{ownerName}' take a name or a list of names", file, column.LineOf("tags"));
            var tags = column.GetStrings("tags").ToImmutableArray();
            var tests = ReadTests(column, file, name).Select(t => t with { ColumnTags = tags }).ToImmutableArray();
            columns.Add(new ColumnSpec(name, column.GetString("description"), column.GetString("data_type"), tests));
        }
        return columns.ToImmutable();
    }

    /// <summary>Reads <c>data_tests:</c> (or dbt's older <c>tests:</c>) entries: a name, or a name mapped to its arguments.</summary>
    public static ImmutableArray<DataTestSpec> ReadTests(YamlMap owner, string file, string? column)
    {
        var tests = ImmutableArray.CreateBuilder<DataTestSpec>();
        var entries = owner.GetList("data_tests").Concat(owner.GetList("tests"));
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case string name:
                    tests.Add(new DataTestSpec(name, column, ImmutableDictionary<string, object?>.Empty, file, owner.Line));
                    break;
                case YamlMap map when map.Count == 1:
                    var (testName, args) = map.First();
                    var arguments = args switch
                    {
                        null => ImmutableDictionary<string, object?>.Empty,
                        YamlMap m => m.ToImmutableDictionary(),
                        _ => throw new ProjectException($"the arguments of test '{testName}' must be a mapping", file, map.Line),
                    };
                    tests.Add(new DataTestSpec(testName, column, arguments, file, map.Line));
                    break;
                default:
                    throw new ProjectException("a data test is a name (not_null) or a name with arguments (accepted_values: {values: [...]})",
                        file, owner.Line);
            }
        }
        return tests.ToImmutable();
    }
}
