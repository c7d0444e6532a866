using System.Text.Json;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Conformance;

/// <summary>
/// The project a conformance run builds: the repository's web package (models/web, macros/) as a package would be
/// used, plus the scenario's macro overrides in a later macro path (tests/conformance/macros), Snowplow's own seeds
/// from the data directory, and a DuckDB target at the database file. Written to a fresh folder; nothing is copied
/// from the data directory.
/// </summary>
public static class ConformanceProject
{
    public const string TargetName = "conformance";

    public static string Create(string repositoryRoot, string dataDirectory, string databaseFile)
    {
        var root = Directory.CreateTempSubdirectory("modelrunner-conformance-").FullName;
        var repo = YamlDocument.LoadFile(Path.Combine(repositoryRoot, "models.yml"), "models.yml");
        var project = new Dictionary<string, object?>
        {
            ["name"] = repo.GetString("name"),
            ["profile"] = "conformance",
            ["model-paths"] = new[] { Path.Combine(repositoryRoot, "models", "web") },
            ["macro-paths"] = new[] { Path.Combine(repositoryRoot, "macros"), Path.Combine(repositoryRoot, "tests", "conformance", "macros") },
            ["seed-paths"] = new[] { Path.Combine(dataDirectory, "seeds") },
            ["target-path"] = "target",
            ["vars"] = repo.GetMap("vars"),
            ["seeds"] = new Dictionary<string, object?> { ["+column_types"] = SeedTypes },
            ["sources"] = repo.GetList("sources"),
            ["on-run-start"] = repo.GetList("on-run-start"),
            ["on-run-end"] = repo.GetList("on-run-end"),
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

    /// <summary>Snowplow's seeds are text (a country code like NA stays 'NA').</summary>
    private static readonly Dictionary<string, string> SeedTypes = new()
    {
        ["source"] = "varchar", ["source_category"] = "varchar", ["name"] = "varchar", ["alpha_2"] = "varchar",
        ["alpha_3"] = "varchar", ["region"] = "varchar", ["lang_tag"] = "varchar",
    };
}
