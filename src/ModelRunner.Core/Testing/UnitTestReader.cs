using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Reads <c>unit_tests:</c> from a property file, in dbt's format: <c>model</c>, <c>given</c> (inputs with
/// <c>rows</c> inline as YAML or CSV, or a CSV <c>fixture</c>), <c>expect</c>, and <c>overrides</c>
/// (<c>macros</c>: <c>is_incremental</c> or any macro, given the value it returns; <c>vars</c>; <c>env_vars</c>).
/// <c>is_incremental: true</c> may also stand at the top.
/// </summary>
public static partial class UnitTestReader
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
        { "name", "model", "description", "given", "expect", "overrides", "is_incremental", "config", "versions" };

    private static readonly string[] OverrideKeys = ["macros", "vars", "env_vars"];

    public static IEnumerable<UnitTestSpec> Read(IReadOnlyList<object?> entries, string projectRoot, string fullPath, string displayPath)
    {
        foreach (var entry in entries)
        {
            if (entry is not YamlMap map) throw new ProjectException("each unit test must be a mapping with a name and a model", displayPath);
            var name = map.GetString("name") ?? throw new ProjectException("a unit test needs a 'name'", displayPath, map.Line);
            foreach (var key in map.Keys.Where(k => !Keys.Contains(k)))
                throw new ProjectException($"unknown key '{key}' in unit test '{name}'.{Suggestions.DidYouMean(key, Keys)}", displayPath, map.LineOf(key));
            var model = map.GetString("model") ?? throw new ProjectException($"unit test '{name}' needs a 'model'", displayPath, map.Line);
            var given = map.GetList("given").Select(g => Input(g, name, projectRoot, fullPath, displayPath, map.Line)).ToImmutableArray();
            var expect = map.GetMap("expect") ?? throw new ProjectException($"unit test '{name}' needs 'expect: rows: ...'", displayPath, map.Line);
            var overrides = map.GetMap("overrides");
            foreach (var key in overrides?.Keys.Where(k => !OverrideKeys.Contains(k)) ?? [])
                throw new ProjectException($"unknown key '{key}' in the overrides of unit test '{name}' (it takes macros, vars and env_vars)."
                    + Suggestions.DidYouMean(key, OverrideKeys), displayPath, overrides!.LineOf(key));
            var macros = overrides?.GetMap("macros") ?? new YamlMap(displayPath, map.Line);
            var incremental = map.ContainsKey("is_incremental") ? map["is_incremental"] : macros.GetValueOrDefault("is_incremental");
            if (incremental is not (null or bool))
                throw new ProjectException($"is_incremental of unit test '{name}' takes true or false, not {YamlDocument.Show(incremental)}", displayPath,
                    map.ContainsKey("is_incremental") ? map.LineOf("is_incremental") : macros.LineOf("is_incremental"));
            var vars = overrides?.GetMap("vars")?.ToImmutableDictionary() ?? ImmutableDictionary<string, object?>.Empty;
            var envMap = overrides?.GetMap("env_vars") ?? new YamlMap(displayPath, map.Line);
            var envVars = envMap.ToImmutableDictionary(kv => kv.Key, kv => kv.Value switch
            {
                null or YamlMap or List<object?> => throw new ProjectException($"env_vars of unit test '{name}': '{kv.Key}' takes a value (text)", displayPath,
                    envMap.LineOf(kv.Key)),
                var v => YamlDocument.Show(v),
            }, StringComparer.Ordinal);
            yield return new UnitTestSpec(name, model, given, Rows(expect, $"expect of unit test '{name}'", projectRoot, fullPath, displayPath),
                incremental is true, vars, displayPath, map.Line, macros.Where(kv => kv.Key != "is_incremental")
                    .ToImmutableDictionary(kv => kv.Key, kv => new MacroOverride(kv.Value, macros.LineOf(kv.Key)), StringComparer.Ordinal), envVars);
        }
    }

    private static UnitTestInput Input(object? entry, string test, string projectRoot, string fullPath, string displayPath, int line)
    {
        if (entry is not YamlMap map || map.GetString("input") is not { } input)
            throw new ProjectException($"each 'given' entry of unit test '{test}' needs an 'input' (ref('name'), source('name', 'table') or this)", displayPath, line);
        var rows = Rows(map, $"input {input} of unit test '{test}'", projectRoot, fullPath, displayPath);
        if (input.Trim() == "this") return new UnitTestInput(input, UnitInputKind.This, "this", null, rows, map.Line);
        if (RefPattern().Match(input) is { Success: true } r)
            return new UnitTestInput(input, UnitInputKind.Ref, r.Groups["name"].Value, null, rows, map.Line);
        if (SourcePattern().Match(input) is { Success: true } s)
            return new UnitTestInput(input, UnitInputKind.Source, s.Groups["source"].Value, s.Groups["table"].Value, rows, map.Line);
        throw new ProjectException($"cannot read the input '{input}' of unit test '{test}': write ref('name'), source('name', 'table') or this",
            displayPath, map.Line);
    }

    /// <summary>Rows as YAML mappings (format dict, the default) or CSV text (format csv, inline or a fixture file).</summary>
    private static RowSet Rows(YamlMap owner, string what, string projectRoot, string fullPath, string displayPath)
    {
        var format = owner.GetString("format") ?? "dict";
        if (owner.GetString("fixture") is { } fixture)
        {
            var path = FixturePath(fixture, projectRoot, fullPath, displayPath, owner.LineOf("fixture"));
            var fixtureDisplay = Path.GetRelativePath(projectRoot, path).Replace('\\', '/');
            return CsvRows.Parse(Project.TextFiles.Read(path, fixtureDisplay), $"fixture '{fixture}' of {what}", fixtureDisplay, 1);
        }
        switch (format)
        {
            case "csv":
                return CsvRows.Parse(owner.GetString("rows") ?? "", what, displayPath, owner.LineOf("rows") + 1); // a block (rows: |) starts below its key
            case "dict":
                if (!owner.ContainsKey("rows"))
                    throw new ProjectException($"{what} needs 'rows' (a list of mappings; [] for none) or a CSV 'fixture'", displayPath, owner.Line);
                var columns = new List<string>();
                var dicts = new List<IDictionary<string, object?>>();
                foreach (var row in owner.GetList("rows"))
                {
                    if (row is not IDictionary<string, object?> dict)
                        throw new ProjectException($"each row of {what} must be a mapping of column to value", displayPath, owner.Line);
                    foreach (var column in dict.Keys.Where(k => !columns.Contains(k, StringComparer.OrdinalIgnoreCase))) columns.Add(column);
                    dicts.Add(dict);
                }
                var rows = dicts.Select(d => columns.Select(c => Text(d.TryGetValue(c, out var v) ? v : null)).ToImmutableArray());
                return new RowSet(columns.ToImmutableArray(), rows.ToImmutableArray());
            default:
                throw new ProjectException($"format of {what} must be 'dict' or 'csv', not '{format}'", displayPath, owner.Line);
        }
    }

    /// <summary>A fixture is a path from the project root, or a name looked up in a fixtures/ folder beside the property file.</summary>
    private static string FixturePath(string fixture, string root, string fullPath, string displayPath, int line)
    {
        var candidates = new[]
        {
            Path.Combine(root, fixture),
            Path.Combine(Path.GetDirectoryName(fullPath)!, "fixtures", fixture),
            Path.Combine(Path.GetDirectoryName(fullPath)!, "fixtures", fixture + ".csv"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ProjectException($"fixture '{fixture}' not found (looked for {string.Join(", ", candidates.Select(c => Path.GetRelativePath(root, c)))})", displayPath, line);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ProjectException($"a unit test cell must be a scalar, not {value.GetType().Name}"),
    };

    [GeneratedRegex(@"^\s*ref\s*\(\s*['""](?<name>[^'""]+)['""]\s*\)\s*$")]
    private static partial Regex RefPattern();

    [GeneratedRegex(@"^\s*source\s*\(\s*['""](?<source>[^'""]+)['""]\s*,\s*['""](?<table>[^'""]+)['""]\s*\)\s*$")]
    private static partial Regex SourcePattern();
}
