using System.Collections.Concurrent;
using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Project;

/// <summary>What loading needs besides the files: the target and the run-wide render inputs.</summary>
public sealed record LoadRequest(
    string ProjectDirectory,
    ProjectFile ProjectFile,
    TargetSettings Target,
    EngineCapabilities Capabilities,
    ImmutableDictionary<string, object?> CliVars,
    IReadOnlyDictionary<string, string> Environment,
    DateTimeOffset RunStartedAt);

/// <summary>A loaded project and the template environment bound to its target.</summary>
public sealed record LoadedProject(ProjectModel Project, TemplateEnvironment Templates, ImmutableArray<Diagnostic> Warnings);

/// <summary>
/// Loads macros, models, seeds and property files into an immutable <see cref="ProjectModel"/>.
/// Every problem found is collected, so one run reports them all.
/// </summary>
public static class ProjectLoader
{
    public static LoadedProject Load(LoadRequest request)
    {
        var root = request.ProjectDirectory;
        var settings = request.ProjectFile.Settings;
        var errors = new ConcurrentBag<Diagnostic>();
        var warnings = new List<Diagnostic>();

        var macros = MacroLibrary.Load(FilesUnder(root, settings.MacroPaths, "*.sql"));
        var vars = settings.Vars.SetItems(request.CliVars);
        var options = new RenderOptions(vars, request.Environment, request.RunStartedAt);
        var templates = new TemplateEnvironment(macros, request.Target, request.Capabilities, options);

        var propertyFiles = PropertyFileReader.Read(
            FilesUnder(root, settings.ModelPaths.AddRange(settings.SeedPaths), "*.yml").Concat(FilesUnder(root, settings.ModelPaths, "*.yaml")));

        var modelFiles = ModelFiles(root, settings).ToList();
        // Files are read in one sequential pass: parallel opens contend on the file system and gain nothing.
        var texts = modelFiles.Select(f => File.ReadAllText(f.Item1)).ToArray();
        var models = new ProjectNode?[modelFiles.Count];
        Parallel.For(0, modelFiles.Count, i =>
        {
            try { models[i] = LoadModel(modelFiles[i], texts[i], request.ProjectFile, propertyFiles, templates); }
            catch (ProjectException e) { foreach (var d in e.Diagnostics) errors.Add(d); }
        });
        var seeds = FilesUnder(root, settings.SeedPaths, "*.csv").Select(f => LoadSeed(f, root, settings, request.ProjectFile, propertyFiles));

        var nodes = models.Where(m => m is not null).Select(m => m!).Concat(seeds).ToList();
        if (!errors.IsEmpty) throw new ProjectException(Sorted(errors));

        CheckDuplicates(nodes);
        foreach (var patch in propertyFiles.Models.Values.Where(p => nodes.All(n => n.Name != p.Name)))
            warnings.Add(new Diagnostic($"'{patch.Name}' is described but there is no model of that name."
                + Suggestions.DidYouMean(patch.Name, nodes.Select(n => n.Name)), patch.File, patch.Line));
        var testErrors = nodes.SelectMany(n => n.Tests.Concat(n.Columns.SelectMany(c => c.Tests))
            .SelectMany(t => DataTestValidator.Validate(t, macros, n.Name))).ToList();
        if (testErrors.Count > 0) throw new ProjectException(testErrors);

        var enabled = nodes.Where(n => n.Config.Enabled).OrderBy(n => n.Name, StringComparer.Ordinal).ToImmutableArray();
        var project = new ProjectModel(root, settings, enabled,
            request.ProjectFile.Sources.AddRange(propertyFiles.Sources), macros);
        return new LoadedProject(project, templates, warnings.ToImmutableArray());
    }

    private static ProjectNode LoadModel((string FullPath, string DisplayPath) file, string text, ProjectFile projectFile,
        PropertyFiles properties, TemplateEnvironment templates)
    {
        var name = Path.GetFileNameWithoutExtension(file.FullPath);
        var parsed = ParsedTemplate.Parse(text, file.DisplayPath);
        var folders = FoldersBelowPath(file.DisplayPath, projectFile.Settings.ModelPaths);
        var config = projectFile.Models.For(folders);
        properties.Models.TryGetValue(name, out var patch);
        if (patch is not null) config = config.With(patch.Config);
        foreach (var call in parsed.Scan.Configs)
            config = config.With(call.Arguments.Select(a =>
                new KeyValuePair<string, object?>(a.Name, templates.Evaluate(a.Value, file.DisplayPath, name))));

        // Refs made inside macros the model calls count as the model's own (found statically too).
        var reachable = templates.Macros.Reachable(parsed.Scan.CalledNames).ToList();
        var refs = parsed.Scan.Refs.AddRange(reachable.SelectMany(m => m.Scan.Refs));
        var sources = parsed.Scan.Sources.AddRange(reachable.SelectMany(m => m.Scan.Sources));
        return new ProjectNode(NodeKind.Model, name, file.DisplayPath, file.FullPath, config, parsed, refs, sources,
            patch?.Description, patch?.Columns ?? ImmutableArray<ColumnSpec>.Empty, patch?.Tests ?? ImmutableArray<DataTestSpec>.Empty);
    }

    private static ProjectNode LoadSeed((string FullPath, string DisplayPath) file, string root, ProjectSettings settings,
        ProjectFile projectFile, PropertyFiles properties)
    {
        var name = Path.GetFileNameWithoutExtension(file.FullPath);
        var config = projectFile.Seeds.For(FoldersBelowPath(file.DisplayPath, settings.SeedPaths));
        properties.Seeds.TryGetValue(name, out var patch);
        if (patch is not null) config = config.With(patch.Config);
        return new ProjectNode(NodeKind.Seed, name, file.DisplayPath, file.FullPath, config.With(new[]
            { new KeyValuePair<string, object?>("materialized", "seed") }), null,
            ImmutableArray<TemplateReference>.Empty, ImmutableArray<TemplateReference>.Empty, patch?.Description,
            patch?.Columns ?? ImmutableArray<ColumnSpec>.Empty, patch?.Tests ?? ImmutableArray<DataTestSpec>.Empty);
    }

    private static void CheckDuplicates(IEnumerable<ProjectNode> nodes)
    {
        var duplicates = nodes.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new Diagnostic($"two nodes are named '{g.Key}': {string.Join(" and ", g.Select(n => n.RelativePath))}",
                g.First().RelativePath, 1)).ToList();
        if (duplicates.Count > 0) throw new ProjectException(duplicates);
    }

    /// <summary>Model SQL files; singular data tests under a test path are not models.</summary>
    private static IEnumerable<(string, string)> ModelFiles(string root, ProjectSettings settings)
    {
        var testRoots = settings.TestPaths.Select(p => Path.GetFullPath(Path.Combine(root, p)) + Path.DirectorySeparatorChar).ToList();
        return FilesUnder(root, settings.ModelPaths, "*.sql").Where(f =>
            !testRoots.Any(t => f.FullPath.StartsWith(t, StringComparison.Ordinal))
            && !f.DisplayPath.Split('/').Contains("tests"));
    }

    private static IReadOnlyList<string> FoldersBelowPath(string displayPath, IEnumerable<string> basePaths)
    {
        var parts = displayPath.Split('/');
        foreach (var basePath in basePaths)
        {
            var baseParts = basePath.Trim('/').Split('/');
            if (parts.Length > baseParts.Length && parts.Take(baseParts.Length).SequenceEqual(baseParts))
                return parts[baseParts.Length..^1];
        }
        return Array.Empty<string>();
    }

    /// <summary>Files matching <paramref name="pattern"/> under the given project paths, with project-relative '/' paths.</summary>
    public static IEnumerable<(string FullPath, string DisplayPath)> FilesUnder(string root, IEnumerable<string> paths, string pattern)
    {
        foreach (var relative in paths)
        {
            var dir = Path.Combine(root, relative);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                yield return (file, Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
    }

    private static List<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
