using System.Text.Json;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Conformance;

/// <summary>
/// What a scenario's project holds: the packages (by name and folder under models/), the scenario's seeds and macro
/// overrides, if any, and the folder configs it sets (e.g. modules of a package switched off).
/// </summary>
public sealed record PackageUnderTest(string Package, string ModelFolder, string? SeedFolder, string? MacroOverrides,
    IReadOnlyDictionary<string, string>? SeedTypes = null, IReadOnlyDictionary<string, string>? AlsoPackages = null,
    IReadOnlyDictionary<string, object?>? Models = null)
{
    /// <summary>Every package of the project, by name, with its folder.</summary>
    public IEnumerable<KeyValuePair<string, string>> All =>
        new[] { KeyValuePair.Create(Package, ModelFolder) }.Concat(AlsoPackages ?? new Dictionary<string, string>());
}

/// <summary>
/// The project a conformance run builds: one of the repository's Snowplow packages (models/&lt;folder&gt;, macros/) as a
/// project would use it, switched on by its name, plus the scenario's macro overrides in a later macro path, the
/// scenario's seeds from the data directory, and a DuckDB target at the database file. Written to a fresh folder;
/// nothing is copied from the data directory.
/// </summary>
public static class ConformanceProject
{
    public const string TargetName = "conformance";

    public static string Create(string repositoryRoot, PackageUnderTest package, string databaseFile)
    {
        var root = Directory.CreateTempSubdirectory("modelrunner-conformance-").FullName;
        var repo = YamlDocument.LoadFile(Path.Combine(repositoryRoot, "models.yml"), "models.yml");
        var macroPaths = new List<string> { Path.Combine(repositoryRoot, "macros") };
        if (package.MacroOverrides is not null) macroPaths.Add(package.MacroOverrides);
        var project = new Dictionary<string, object?>
        {
            ["name"] = repo.GetString("name"),
            ["profile"] = "conformance",
            ["model-paths"] = package.All.Select(p => Path.Combine(repositoryRoot, "models", p.Value)).ToArray(),
            ["macro-paths"] = macroPaths,
            ["seed-paths"] = package.SeedFolder is null ? Array.Empty<string>() : new[] { package.SeedFolder },
            ["target-path"] = "target",
            ["seeds"] = new Dictionary<string, object?> { ["+column_types"] = package.SeedTypes ?? new Dictionary<string, string>() },
            ["sources"] = repo.GetList("sources"),
            ["packages"] = package.All.ToDictionary(p => p.Key, _ => (object?)true), // their hooks come with them (package.yml)
            ["models"] = package.Models ?? new Dictionary<string, object?>(),
        };
        // JSON is YAML: the project file is written as JSON.
        File.WriteAllText(Path.Combine(root, "models.yml"), JsonSerializer.Serialize(project, new JsonSerializerOptions { WriteIndented = true }));
        Directory.CreateDirectory(Path.Combine(root, "profiles"));
        File.WriteAllText(Path.Combine(root, "profiles", "profiles.yml"), $$"""
            conformance:
              target: {{TargetName}}
              outputs:
                {{TargetName}}:
                  type: duckdb
                  path: {{JsonSerializer.Serialize(Path.GetFullPath(databaseFile))}}
                  schema: main
                  threads: 4
            """);
        return root;
    }
}
