using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>What models.yml holds, read once: settings, folder configs, sources.</summary>
public sealed record ProjectFile(
    ProjectSettings Settings,
    FolderConfig Models,
    FolderConfig Seeds,
    ImmutableArray<SourceDefinition> Sources,
    FolderConfig DataTests);

/// <summary>Reads models.yml (the project file, like dbt_project.yml).</summary>
public static class ProjectFileReader
{
    public const string FileName = "models.yml";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "name", "version", "profile", "model-paths", "macro-paths", "seed-paths", "test-paths", "target-path",
        "vars", "models", "seeds", "sources", "on-run-start", "on-run-end", "config-version", "clean-targets",
        "data_tests", "tests", "require-dbt-version", "packages",
    };

    public static ProjectFile Read(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, FileName);
        if (!File.Exists(path))
            throw new ProjectException($"no {FileName} in {Path.GetFullPath(projectDirectory)} (use --project-dir)");
        var yaml = YamlDocument.LoadFile(path, FileName);
        foreach (var key in yaml.Keys.Where(k => !KnownKeys.Contains(k)))
            throw new ProjectException($"unknown key '{key}'.{Suggestions.DidYouMean(key, KnownKeys)}", FileName, yaml.LineOf(key));

        var name = yaml.GetString("name") ?? throw new ProjectException("'name' is required", FileName, 1);
        var vars = yaml.GetMap("vars") ?? new YamlMap(FileName, 0);
        var settings = new ProjectSettings(
            name,
            yaml.GetString("profile"),
            Paths(yaml, "model-paths", "models"),
            Paths(yaml, "macro-paths", "macros"),
            Paths(yaml, "seed-paths", "seeds"),
            Paths(yaml, "test-paths"),
            yaml.GetString("target-path") ?? "target",
            vars.ToImmutableDictionary(),
            yaml.GetStrings("on-run-start").ToImmutableArray(),
            yaml.GetStrings("on-run-end").ToImmutableArray(),
            PackageReader.ReadSwitches(yaml.GetMap("packages")),
            vars.Keys.ToImmutableDictionary(key => key, vars.LineOf, StringComparer.Ordinal),
            yaml.GetStrings("clean-targets").ToImmutableArray());
        var sources = SourceReader.Read(yaml.GetList("sources"), FileName);
        return new ProjectFile(settings, new FolderConfig(yaml.GetMap("models"), name),
            new FolderConfig(yaml.GetMap("seeds"), name), sources,
            new FolderConfig(yaml.GetMap("data_tests") ?? yaml.GetMap("tests"), name));
    }

    private static ImmutableArray<string> Paths(YamlMap yaml, string key, params string[] defaults)
    {
        var values = yaml.GetStrings(key);
        return (values.Count == 0 ? defaults : values).ToImmutableArray();
    }
}
