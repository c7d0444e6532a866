using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Project;

public static partial class ProjectLoader
{
    /// <summary>
    /// The models of <paramref name="files"/> (project-relative paths), parsed, and the models and seeds they ref as
    /// nodes of their own: what re-rendering only edited models needs (see <c>IncrementalCompile</c>). The nodes they ref
    /// are loaded without refs of their own (the project around them is not loaded); each model file is found by name in
    /// <paramref name="modelFiles"/>. Null when a ref names no such file or a disabled node; an error in an edited file is
    /// thrown, as by <see cref="Load"/>.
    /// </summary>
    public static LoadedProject? LoadAround(LoadRequest request, IReadOnlyList<string> files, IReadOnlyDictionary<string, string> modelFiles)
    {
        var settings = request.ProjectFile.Settings;
        var context = Prepare(request);
        (string, string) File(string displayPath) => (Path.GetFullPath(Path.Combine(request.ProjectDirectory, displayPath)), displayPath);
        ProjectNode Model(string displayPath) =>
            LoadModel(File(displayPath), request.ProjectFile, context.PropertyFiles, context.Templates, null, context.Packages, context.Checks);
        var edited = files.Select(Model).ToList();
        var seeds = context.Listing.FilesUnder(settings.SeedPaths, ".csv")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f.FullPath), StringComparer.Ordinal);
        var nodes = new Dictionary<string, ProjectNode>(StringComparer.Ordinal);
        foreach (var node in edited) nodes[node.Name] = node;
        foreach (var name in edited.SelectMany(n => n.Refs).Select(r => r.Name).Distinct(StringComparer.Ordinal).Where(n => !nodes.ContainsKey(n)))
        {
            var parent = modelFiles.TryGetValue(name, out var path) ? Model(path)
                : seeds.TryGetValue(name, out var seed) ? LoadSeed(seed, settings, request.ProjectFile, context.PropertyFiles, context.Packages).Node
                : null;
            // A ref to a disabled node is an error the whole load reports (with the project's other problems).
            if (parent is null || !parent.Config.Enabled) return null;
            nodes[name] = parent with { Refs = ImmutableArray<TemplateReference>.Empty, Sources = ImmutableArray<TemplateReference>.Empty };
        }
        var sources = request.ProjectFile.Sources.AddRange(context.PropertyFiles.Sources);
        var project = new ProjectModel(request.ProjectDirectory, settings, nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).ToImmutableArray(),
            sources, context.Macros, ImmutableHashSet<string>.Empty, ImmutableArray<Testing.DataTestNode>.Empty,
            ImmutableArray<Testing.UnitTestSpec>.Empty, context.Packages);
        return new LoadedProject(project, context.Templates, ImmutableArray<Diagnostic>.Empty, null);
    }
}
