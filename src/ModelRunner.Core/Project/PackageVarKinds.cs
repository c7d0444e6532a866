using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>
/// A package's var given a value of another kind than the package's default is refused when the project loads, at the
/// value's place. The packages' macros read a var as the kind of its default: a list given as text was read as its
/// characters (<c>snowplow__app_id: myapp</c> kept the events whose app_id was 'm', 'y', 'a' or 'p': none), and the text
/// "false" is true in a template. A default that is true or false, a number, a list or a mapping takes that kind (a
/// number also as text that reads as one, as JSON vars are often written); a default that is text or null takes any
/// value, and null is always allowed.
/// </summary>
public static class PackageVarKinds
{
    public static void Check(ProjectSettings settings, ImmutableDictionary<string, object?> cliVars, ImmutableArray<PackageDefinition> packages)
    {
        var errors = new List<Diagnostic>();
        var names = packages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        void CheckAll(IReadOnlyDictionary<string, object?> vars, Func<string, (string File, int Line)> place, string? scope)
        {
            foreach (var (name, value) in vars)
            {
                if (scope is null && names.Contains(name) && value is IDictionary<string, object?>) continue; // a package's scope
                foreach (var package in packages.Where(p => scope is null || p.Name == scope))
                {
                    if (!package.Vars.TryGetValue(name, out var fallback) || Accepts(fallback, value)) continue;
                    var (file, line) = place(name);
                    errors.Add(new Diagnostic($"vars: '{name}' is {Kind(fallback)} in package {package.Name} (its default: {YamlDocument.Show(fallback)}, "
                        + $"{package.File}), given {Kind(value)}: {YamlDocument.Show(value)}{Hint(fallback, value)}", file, line));
                    break; // one message per value, naming the first package it reaches
                }
            }
        }

        CheckAll(settings.Vars, InModelsYml(settings), null);
        CheckAll(cliVars, OnCommandLine, null);
        foreach (var package in packages)
        {
            if (settings.Vars.GetValueOrDefault(package.Name) is IDictionary<string, object?> scoped)
                CheckAll(scoped.AsReadOnly(), name => (ProjectFileReader.FileName, (scoped as YamlMap)?.LineOf(name) ?? 0), package.Name);
            if (cliVars.GetValueOrDefault(package.Name) is IDictionary<string, object?> cliScoped)
                CheckAll(cliScoped.AsReadOnly(), OnCommandLine, package.Name);
        }
        if (errors.Count > 0) throw new ProjectException(errors);
    }

    /// <summary>
    /// A mapping of vars under a name close to a package's (<c>snowplow_webb: {…}</c>): as in dbt it is a var of that name,
    /// and the package reads none of it; a warning at its line says so.
    /// </summary>
    public static IEnumerable<Diagnostic> LikelyMisspeltScopes(ProjectSettings settings, ImmutableDictionary<string, object?> cliVars,
        ImmutableArray<PackageDefinition> packages)
    {
        var names = packages.Select(p => p.Name).ToList();
        IEnumerable<Diagnostic> Scan(IReadOnlyDictionary<string, object?> vars, Func<string, (string File, int Line)> place) =>
            from kv in vars
            where kv.Value is IDictionary<string, object?> && !names.Contains(kv.Key) && Suggestions.Closest(kv.Key, names) is not null
            let at = place(kv.Key)
            select new Diagnostic($"vars: '{kv.Key}' holds a mapping but no package has that name, so no package reads it (it is a var of that name)."
                + Suggestions.DidYouMean(kv.Key, names), at.File, at.Line);
        return Scan(settings.Vars, InModelsYml(settings)).Concat(Scan(cliVars, OnCommandLine)).ToList();
    }

    /// <summary>Where a top-level var of models.yml stands; one of --vars has no line.</summary>
    private static Func<string, (string File, int Line)> InModelsYml(ProjectSettings settings) =>
        name => (ProjectFileReader.FileName, settings.VarLines?.GetValueOrDefault(name) ?? 0);

    private static (string File, int Line) OnCommandLine(string name) => ("--vars", 0);

    private static bool Accepts(object? fallback, object? value) => value is null || fallback switch
    {
        bool => value is bool,
        long or int or double or decimal => IsNumber(value)
            || value is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        IDictionary<string, object?> => value is IDictionary<string, object?>,
        System.Collections.IList => value is System.Collections.IList,
        _ => true,
    };

    private static bool IsNumber(object? value) => value is long or int or double or decimal;

    private static string Kind(object? value) => value switch
    {
        null => "null",
        bool => "true or false",
        _ when IsNumber(value) => "a number",
        string => "text",
        IDictionary<string, object?> => "a mapping",
        System.Collections.IList => "a list",
        _ => "a value",
    };

    private static string Hint(object? fallback, object? value) => (fallback, value) switch
    {
        (bool, string text) when bool.TryParse(text, out _) => $"; write {text.ToLowerInvariant()} without quotes",
        (System.Collections.IList, not IDictionary<string, object?>) => $"; write a list, e.g. [{YamlDocument.Show(value)}]",
        _ => "",
    };
}
