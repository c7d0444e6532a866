using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>A run-level hook (on-run-start / on-run-end): its template, a label for messages and the package it belongs to.</summary>
public sealed record RunHook(string Template, string Label, string File, string? Package);

/// <summary>
/// A package: a folder of the model paths holding a <c>package.yml</c> (like a dbt package's dbt_project.yml) that
/// declares the package's name, its default variables, its folder-level model configs and its run hooks. Every model
/// under the folder belongs to it. The project switches it off with <c>packages: {name: false}</c> in models.yml.
/// </summary>
public sealed record PackageDefinition(
    string Name,
    string Folder,
    string File,
    bool Enabled,
    ImmutableDictionary<string, object?> Vars,
    FolderConfig Models,
    ImmutableArray<string> OnRunStart,
    ImmutableArray<string> OnRunEnd,
    string? RunHealth = null, // run-health: a query of one row on what a run of the package processed (see Running.RunHealthCheck)
    string? InputSignal = null) // input-signal: a query of one row that moves when what the package reads moves (see Running.PackageReuse)
{
    public const string FileName = "package.yml";

    public bool Contains(string displayPath) => displayPath.StartsWith(Folder + "/", StringComparison.Ordinal);
}

/// <summary>Finds and reads the packages of the model paths and applies the project's package switches.</summary>
public static class PackageReader
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
        { "name", "version", "description", "vars", "models", "on-run-start", "on-run-end", "run-health", "input-signal" };

    public static ImmutableArray<PackageDefinition> Read(IEnumerable<(string FullPath, string DisplayPath)> files,
        IReadOnlyDictionary<string, bool> switches)
    {
        var packages = new List<PackageDefinition>();
        var errors = new List<Diagnostic>();
        foreach (var (fullPath, displayPath) in files)
        {
            try { packages.Add(ReadOne(fullPath, displayPath, switches)); }
            catch (ProjectException e) { errors.AddRange(e.Diagnostics); }
        }
        foreach (var twice in packages.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new Diagnostic($"two packages are named '{twice.Key}': {string.Join(" and ", twice.Select(p => p.File))}", twice.Last().File, 1));
        foreach (var name in switches.Keys.Where(n => packages.All(p => p.Name != n)))
            errors.Add(new Diagnostic($"packages: no package named '{name}' in the model paths (a folder with a {PackageDefinition.FileName})."
                + Suggestions.DidYouMean(name, packages.Select(p => p.Name)), ProjectFileReader.FileName, 1));
        if (errors.Count > 0) throw new ProjectException(errors);
        return packages.OrderBy(p => p.Name, StringComparer.Ordinal).ToImmutableArray();
    }

    private static PackageDefinition ReadOne(string fullPath, string displayPath, IReadOnlyDictionary<string, bool> switches)
    {
        var yaml = YamlDocument.LoadFile(fullPath, displayPath);
        foreach (var key in yaml.Keys.Where(k => !KnownKeys.Contains(k)))
            throw new ProjectException($"unknown key '{key}' in a package file.{Suggestions.DidYouMean(key, KnownKeys)}", displayPath, yaml.LineOf(key));
        var name = yaml.GetString("name") ?? throw new ProjectException("a package needs a 'name'", displayPath, yaml.Line);
        var folder = displayPath.Contains('/') ? displayPath[..displayPath.LastIndexOf('/')] : ".";
        return new PackageDefinition(name, folder, displayPath, switches.GetValueOrDefault(name, true),
            (yaml.GetMap("vars") ?? new YamlMap(displayPath, 0)).ToImmutableDictionary(),
            new FolderConfig(yaml.GetMap("models"), name),
            yaml.GetStrings("on-run-start").ToImmutableArray(), yaml.GetStrings("on-run-end").ToImmutableArray(), QueryTemplate(yaml, "run-health", displayPath),
            QueryTemplate(yaml, "input-signal", displayPath));
    }

    /// <summary>
    /// A package's query template (run-health, input-signal): a string that parses, checked when the package loads, so a
    /// broken one is refused with its place rather than found by the run that reads it.
    /// </summary>
    private static string? QueryTemplate(YamlMap yaml, string key, string displayPath)
    {
        if (!yaml.TryGetValue(key, out var value) || value is null) return null;
        if (value is not string text)
            throw new ProjectException($"'{key}' takes a query template (a string), e.g. {key}: \"{{{{ my_macro (ref 'my_model') }}}}\"", displayPath, yaml.LineOf(key));
        Templating.ParsedTemplate.Parse(text, $"{displayPath} ({key})");
        return text;
    }

    /// <summary>The package a file belongs to: the one whose folder holds it most closely.</summary>
    public static PackageDefinition? Owning(ImmutableArray<PackageDefinition> packages, string displayPath)
    {
        PackageDefinition? owner = null;
        foreach (var package in packages)
            if (package.Contains(displayPath) && (owner is null || package.Folder.Length > owner.Folder.Length)) owner = package;
        return owner;
    }

    /// <summary>
    /// The project's <c>packages:</c> switches: <c>name: true|false</c> or <c>name: {enabled: true|false}</c>.
    /// </summary>
    public static ImmutableDictionary<string, bool> ReadSwitches(YamlMap? map)
    {
        var switches = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        if (map is null) return switches.ToImmutable();
        foreach (var (name, value) in map)
        {
            var enabled = value switch
            {
                bool b => b,
                string s when bool.TryParse(s, out var parsed) => parsed,
                YamlMap m when m.GetString("enabled") is { } e && bool.TryParse(e, out var parsed) => parsed,
                YamlMap m when m.Keys.All(k => k == "enabled") => true,
                _ => throw new ProjectException($"packages: '{name}' takes true, false or {{enabled: true|false}}", ProjectFileReader.FileName, map.LineOf(name)),
            };
            switches[name] = enabled;
        }
        return switches.ToImmutable();
    }
}

/// <summary>
/// Variables as dbt scopes them: a package's own defaults, then the project's global vars, then the project's vars
/// under the package's name, then --vars (global, then under the package's name). Models outside packages see the
/// global vars only.
/// </summary>
public static class PackageVars
{
    public static (ImmutableDictionary<string, object?> Global, ImmutableDictionary<string, ImmutableDictionary<string, object?>> PerPackage) Resolve(
        ImmutableDictionary<string, object?> projectVars, ImmutableDictionary<string, object?> cliVars, ImmutableArray<PackageDefinition> packages)
    {
        var names = packages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        bool IsScope(KeyValuePair<string, object?> kv) => names.Contains(kv.Key) && kv.Value is IDictionary<string, object?>;
        ImmutableDictionary<string, object?> Unscoped(ImmutableDictionary<string, object?> vars) => vars.RemoveRange(vars.Where(IsScope).Select(kv => kv.Key));
        ImmutableDictionary<string, object?> Scoped(ImmutableDictionary<string, object?> vars, string package) =>
            vars.TryGetValue(package, out var v) && v is IDictionary<string, object?> map ? map.ToImmutableDictionary() : ImmutableDictionary<string, object?>.Empty;

        var projectGlobal = Unscoped(projectVars);
        var cliGlobal = Unscoped(cliVars);
        var perPackage = packages.ToImmutableDictionary(p => p.Name, p => p.Vars
            .SetItems(projectGlobal).SetItems(Scoped(projectVars, p.Name))
            .SetItems(cliGlobal).SetItems(Scoped(cliVars, p.Name)), StringComparer.Ordinal);
        return (projectGlobal.SetItems(cliGlobal), perPackage);
    }
}
