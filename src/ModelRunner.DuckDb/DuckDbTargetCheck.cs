using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Yaml;

namespace ModelRunner.DuckDb;

/// <summary>
/// The shape of a duckdb target's settings, checked before the database opens: each problem named with the setting,
/// all of them at once. A value of the wrong kind would otherwise be dropped without a word (a `path` that is not text
/// would run in memory and keep nothing; `extensions` or `settings` that are not a list or a mapping would be ignored)
/// or end in an unexpected failure (a `busy_timeout` that is not a number).
/// </summary>
public static class DuckDbTargetCheck
{
    public static void Check(TargetSettings target)
    {
        var problems = new List<string>();
        var settings = target.Settings;
        if (settings.GetValueOrDefault("path") is { } path and not string)
            problems.Add($"path must be a file path or ':memory:' (got {YamlDocument.Show(path)})");
        if (settings.GetValueOrDefault("busy_timeout") is { } timeout && !IsSeconds(timeout))
            problems.Add($"busy_timeout must be a number of seconds, 0 or more (got {YamlDocument.Show(timeout)})");
        if (settings.GetValueOrDefault("memory_limit") is { } memory && memory is not (string or long or double))
            problems.Add($"memory_limit must be one size, e.g. 4GB (got {YamlDocument.Show(memory)})");
        switch (settings.GetValueOrDefault("extensions"))
        {
            case null or string:
                break;
            case List<object?> names:
                foreach (var name in names.Where(n => n is not string))
                    problems.Add($"extensions must be a list of extension names (got {YamlDocument.Show(name)} in it)");
                break;
            case var other:
                problems.Add($"extensions must be a list of extension names, e.g. [icu, json] (got {YamlDocument.Show(other)})");
                break;
        }
        switch (settings.GetValueOrDefault("settings"))
        {
            case null:
                break;
            case IDictionary<string, object?> named:
                foreach (var setting in named.Where(kv => kv.Value is List<object?> or IDictionary<string, object?>))
                    problems.Add($"settings: {setting.Key} takes one value (got {YamlDocument.Show(setting.Value)})");
                break;
            case var other:
                problems.Add($"settings must be a mapping of DuckDB setting to value, e.g. {{threads: 1}} (got {YamlDocument.Show(other)})");
                break;
        }
        if (problems.Count > 0)
            throw new ProjectException(problems.Select(p => new Diagnostic($"target '{target.Name}': {p}", target.ProfilesFile)).ToList());
    }

    private static bool IsSeconds(object value) =>
        double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds >= 0 && double.IsFinite(seconds);
}
