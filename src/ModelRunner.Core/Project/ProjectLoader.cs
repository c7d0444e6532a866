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
    DateTimeOffset RunStartedAt,
    PartialParse? PartialParse = null,
    Materializations.MaterializationRegistry? Materializations = null, // what configs are checked against (the standard set by default)
    IReadOnlyDictionary<string, ImmutableArray<string>>? KnownFiles = null); // folder trees already listed (see ProjectFileListing)

/// <summary>Where the partial-parse cache lives, and a salt naming the build of ModelRunner that wrote it.</summary>
public sealed record PartialParse(string Path, string BuildSalt);

/// <summary>A loaded project, the template environment bound to its target, and the partial-parse cache if enabled.</summary>
public sealed record LoadedProject(ProjectModel Project, TemplateEnvironment Templates, ImmutableArray<Diagnostic> Warnings, ParseCache? Cache);

/// <summary>
/// Loads macros, models, seeds and property files into an immutable <see cref="ProjectModel"/>.
/// Every problem found is collected, so one run reports them all.
/// </summary>
public static partial class ProjectLoader
{
    /// <summary>What loading each model shares: the project's macros, property files, packages and template environment.</summary>
    private sealed record LoadContext(
        ProjectFileListing Listing,
        MacroLibrary Macros,
        TemplateEnvironment Templates,
        PropertyFiles PropertyFiles,
        ImmutableArray<PackageDefinition> Packages,
        ConfigChecks Checks,
        List<(string FullPath, string DisplayPath)> MacroFiles,
        List<(string FullPath, string DisplayPath)> YamlFiles);

    private static LoadContext Prepare(LoadRequest request)
    {
        var settings = request.ProjectFile.Settings;
        var listing = new ProjectFileListing(request.ProjectDirectory, request.KnownFiles);
        var macroFiles = settings.MacroPaths.SelectMany((path, layer) => listing.FilesUnder([path], ".sql")
            .Select(f => (f.FullPath, f.DisplayPath, Layer: layer))).ToList();
        var macros = MacroLibrary.LoadWithBuiltIns(macroFiles);

        var yamlFiles = listing.FilesUnder(settings.ModelPaths.AddRange(settings.SeedPaths), ".yml")
            .Concat(listing.FilesUnder(settings.ModelPaths, ".yaml"))
            .DistinctBy(f => f.DisplayPath).ToList(); // seed paths may lie under model paths
        var packageFiles = yamlFiles.Where(f => Path.GetFileName(f.FullPath) == PackageDefinition.FileName).ToList();
        var propertyFileList = yamlFiles.Except(packageFiles).ToList();
        var packages = PackageReader.Read(packageFiles, settings.PackageSwitches ?? ImmutableDictionary<string, bool>.Empty);
        PackageVarKinds.Check(settings, request.CliVars, packages);
        var (vars, packageVars) = PackageVars.Resolve(settings.Vars, request.CliVars, packages);
        var options = new RenderOptions(vars, request.Environment, request.RunStartedAt, packageVars);
        var templates = new TemplateEnvironment(macros, request.Target, request.Capabilities, options);
        var propertyFiles = PropertyFileReader.Read(propertyFileList, request.ProjectDirectory);
        var checks = new ConfigChecks(request.Materializations ?? Materializations.MaterializationRegistry.Default(), request.Capabilities);
        return new LoadContext(listing, macros, templates, propertyFiles, packages, checks,
            macroFiles.Select(f => (f.FullPath, f.DisplayPath)).ToList(), yamlFiles);
    }

    public static LoadedProject Load(LoadRequest request)
    {
        var root = request.ProjectDirectory;
        var settings = request.ProjectFile.Settings;
        var errors = new ConcurrentBag<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var context = Prepare(request);
        var (listing, macros, templates, propertyFiles, packages, checks, _, yamlFiles) = context;
        var cache = request.PartialParse is { } partial
            ? ParseCache.Open(partial.Path, Fingerprint(request, partial.BuildSalt, templates.Options, context.MacroFiles.Concat(yamlFiles)))
            : null;

        var (modelFiles, singularTestFiles) = SqlFiles(root, settings, listing);
        var models = new ProjectNode?[modelFiles.Count];
        Parallel.For(0, modelFiles.Count, i =>
        {
            try { models[i] = LoadModel(modelFiles[i], request.ProjectFile, propertyFiles, templates, cache, packages, checks); }
            catch (ProjectException e)
            {
                // A model's file is named after it: an error in it (a template that does not parse) names the model too.
                var name = Path.GetFileNameWithoutExtension(modelFiles[i].DisplayPath);
                foreach (var d in e.Diagnostics) errors.Add(d.Node is null && d.File == modelFiles[i].DisplayPath ? d with { Node = name } : d);
            }
        });
        var loadedSeeds = listing.FilesUnder(settings.SeedPaths, ".csv").Select(f => LoadSeed(f, settings, request.ProjectFile, propertyFiles, packages)).ToList();
        var seeds = loadedSeeds.Select(s => s.Node).ToList();
        foreach (var (seed, text) in loadedSeeds)
        {
            // Each problem where its key was set: the seed's property file, models.yml's seeds:, else the CSV.
            var origin = ConfigValidator.ModelOrigin(seed.RelativePath, [], propertyFiles.Seeds.GetValueOrDefault(seed.Name), request.ProjectFile.Seeds);
            foreach (var problem in ConfigValidator.Validate(NodeKind.Seed, seed.Name, seed.Config, checks.Materializations, checks.Capabilities,
                         origin))
                errors.Add(problem);
            // A malformed CSV is refused before anything loads it (see CsvShape).
            if (text is not null && CsvShape.FirstProblem(text) is var (line, message))
                errors.Add(new Diagnostic($"malformed CSV: {message}", seed.RelativePath, line, 0, seed.Name));
        }

        var nodes = models.Where(m => m is not null).Select(m => m!).Concat(seeds).ToList();
        if (!errors.IsEmpty) throw new ProjectException(Sorted(errors));

        CheckDuplicates(nodes);
        var names = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var patch in propertyFiles.Models.Values.Where(p => !names.Contains(p.Name)))
            warnings.Add(new Diagnostic($"'{patch.Name}' is described but there is no model of that name."
                + Suggestions.DidYouMean(patch.Name, nodes.Select(n => n.Name)), patch.File, patch.Line));
        warnings.AddRange(UnusedConfigPaths(request.ProjectFile, settings, nodes, packages));
        warnings.AddRange(PackageVarKinds.LikelyMisspeltScopes(settings, request.CliVars, packages));
        var enabled = nodes.Where(n => n.Config.Enabled).OrderBy(n => n.Name, StringComparer.Ordinal).ToImmutableArray();
        var disabled = nodes.Where(n => !n.Config.Enabled).Select(n => n.Name).ToImmutableHashSet(StringComparer.Ordinal);
        var sources = request.ProjectFile.Sources.AddRange(propertyFiles.Sources);
        var dataTests = new Testing.DataTestFactory(request.ProjectFile, macros, templates)
            .Build(enabled, sources, singularTestFiles, disabled);
        var unitTests = Testing.UnitTestValidator.Validate(propertyFiles.UnitTests, enabled, disabled, macros);
        var project = new ProjectModel(root, settings, enabled, sources, macros, disabled, dataTests, unitTests, packages);
        return new LoadedProject(project, templates, warnings.ToImmutableArray(), cache);
    }

    /// <summary>Vars as JSON with sorted keys (the same vars always give the same text).</summary>
    private static string CanonicalJson(IReadOnlyDictionary<string, object?> vars) =>
        Json.PlainJson.Serialize(vars, sortKeys: true);

    /// <summary>Everything project-wide that loading or rendering a model depends on, besides the model's own text.</summary>
    private static string Fingerprint(LoadRequest request, string buildSalt, RenderOptions options,
        IEnumerable<(string FullPath, string DisplayPath)> files)
    {
        var target = request.Target;
        var parts = new List<string>
        {
            buildSalt,
            File.ReadAllText(Path.Combine(request.ProjectDirectory, ProjectFileReader.FileName)),
            // Everything templates can read of the target (see TemplateEnvironment.TargetObject).
            target.Profile, target.Name, target.Type, target.Schema, target.Database ?? "", target.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            request.Capabilities.ToString(),
            CanonicalJson(options.Vars),
        };
        foreach (var (package, packageVars) in (options.PackageVars ?? ImmutableDictionary<string, ImmutableDictionary<string, object?>>.Empty)
                     .OrderBy(kv => kv.Key, StringComparer.Ordinal))
            parts.Add(package + "=" + CanonicalJson(packageVars));
        foreach (var (fullPath, displayPath) in files)
        {
            parts.Add(displayPath);
            parts.Add(File.ReadAllText(fullPath));
        }
        return ParseCache.Hash(parts.ToArray());
    }

    /// <summary>What a node's config is checked against when it loads.</summary>
    private sealed record ConfigChecks(Materializations.MaterializationRegistry Materializations, EngineCapabilities Capabilities);

    private static ProjectNode LoadModel((string FullPath, string DisplayPath) file, ProjectFile projectFile,
        PropertyFiles properties, TemplateEnvironment templates, ParseCache? cache, ImmutableArray<PackageDefinition> packages, ConfigChecks checks)
    {
        var name = Path.GetFileNameWithoutExtension(file.FullPath);
        var package = PackageReader.Owning(packages, file.DisplayPath);
        properties.Models.TryGetValue(name, out var patch);
        string? text = null;
        string? cacheKey = null;
        if (cache is not null)
        {
            // An unchanged file (size and time) is not even read: its hash is in the cache.
            var info = new FileInfo(file.FullPath);
            if (!cache.TryGetFileHash(file.DisplayPath, info.Length, info.LastWriteTimeUtc, out var textHash))
            {
                text = TextFiles.Read(file.FullPath, file.DisplayPath);
                textHash = ParseCache.Hash(text);
                cache.PutFileHash(file.DisplayPath, info.Length, info.LastWriteTimeUtc, textHash);
            }
            cacheKey = ParseCache.Hash(cache.Fingerprint, file.DisplayPath, textHash);
            if (cache.TryGetModel(cacheKey, out var cached))
                return new ProjectNode(NodeKind.Model, name, file.DisplayPath, file.FullPath, new NodeConfig(cached.Config),
                    ParsedTemplate.Deferred(() => text ?? TextFiles.Read(file.FullPath, file.DisplayPath), file.DisplayPath), cached.Refs, cached.Sources,
                    patch?.Description, patch?.Columns ?? ImmutableArray<ColumnSpec>.Empty, patch?.Tests ?? ImmutableArray<DataTestSpec>.Empty, cacheKey,
                    package?.Name) { TextHash = textHash };
        }
        text ??= TextFiles.Read(file.FullPath, file.DisplayPath);

        var parsed = ParsedTemplate.Parse(text, file.DisplayPath);
        var config = FolderLevelConfig(file.DisplayPath, projectFile.Settings.ModelPaths, projectFile.Models, package);
        if (patch is not null) config = config.With(patch.Config);
        foreach (var call in parsed.Scan.Configs)
            config = config.With(call.Arguments.Select(a =>
                new KeyValuePair<string, object?>(a.Name, templates.Evaluate(a.Value, file.DisplayPath, name, package?.Name))));

        // Refs made inside macros the model calls count as the model's own (found statically too).
        // A model reading the clock or the environment renders differently from run to run: never cached.
        var refs = parsed.Scan.Refs;
        var sources = parsed.Scan.Sources;
        var volatileModel = ReadsClockOrEnvironment(parsed.Scan);
        foreach (var macro in templates.Macros.Reachable(parsed.Scan.CalledNames))
        {
            refs = refs.AddRange(macro.Scan.Refs);
            sources = sources.AddRange(macro.Scan.Sources);
            volatileModel |= ReadsClockOrEnvironment(macro.Scan);
        }
        // Checked before it is cached: a config in the cache was valid when it was stored (the project-wide inputs it
        // was checked against are part of the cache's key).
        var problems = ConfigValidator.Validate(NodeKind.Model, name, config, checks.Materializations, checks.Capabilities,
            ConfigValidator.ModelOrigin(file.DisplayPath, parsed.Scan.Configs, patch, projectFile.Models, package?.Models)).ToList();
        if (problems.Count > 0) throw new ProjectException(problems);
        if (volatileModel) cacheKey = null;
        if (cacheKey is not null) cache!.PutModel(cacheKey, new CachedModel(refs, sources, config.Values));
        // The node keeps the text, not the tree (see ParsedTemplate.Transient); config calls are evaluated already.
        var template = ParsedTemplate.Transient(text, file.DisplayPath, parsed.Scan with { Configs = ImmutableArray<ConfigCall>.Empty });
        return new ProjectNode(NodeKind.Model, name, file.DisplayPath, file.FullPath, config, template, refs, sources,
            patch?.Description, patch?.Columns ?? ImmutableArray<ColumnSpec>.Empty, patch?.Tests ?? ImmutableArray<DataTestSpec>.Empty, cacheKey,
            package?.Name) { TextHash = ParseCache.Hash(text), ReadsClockOrEnvironment = volatileModel };
    }

    /// <summary>
    /// Folder-level config of a node, lowest first: its package's own (package.yml), the project's top-level configs,
    /// the project's under the package's name — as in dbt, the project's configs under its own name are for its own
    /// models, not the packages'. A node of a package switched off is disabled.
    /// </summary>
    private static NodeConfig FolderLevelConfig(string displayPath, IEnumerable<string> basePaths, FolderConfig projectConfig, PackageDefinition? package)
    {
        if (package is null) return projectConfig.For(FoldersBelowPath(displayPath, basePaths));
        var belowPackage = FoldersBelowPath(displayPath, [package.Folder]);
        var config = package.Models.For(belowPackage).With(projectConfig.TopLevel().Values);
        config = projectConfig.ForPackage(package.Name, belowPackage, config);
        return package.Enabled ? config : config.With([new KeyValuePair<string, object?>("enabled", false)]);
    }

    private static bool ReadsClockOrEnvironment(StaticScan scan)
    {
        foreach (var name in scan.CalledNames)
            if (name is TemplateGlobals.EnvVar or TemplateGlobals.RunStartedAt) return true;
        return false;
    }

    /// <summary>A seed's node, and its text when it is enabled (read once: checked as CSV, hashed as its body for state:modified).</summary>
    private static (ProjectNode Node, string? Text) LoadSeed((string FullPath, string DisplayPath) file, ProjectSettings settings,
        ProjectFile projectFile, PropertyFiles properties, ImmutableArray<PackageDefinition> packages)
    {
        var name = Path.GetFileNameWithoutExtension(file.FullPath);
        var package = PackageReader.Owning(packages, file.DisplayPath);
        var config = projectFile.Seeds.For(FoldersBelowPath(file.DisplayPath, settings.SeedPaths));
        if (package is { Enabled: false }) config = config.With([new KeyValuePair<string, object?>("enabled", false)]);
        properties.Seeds.TryGetValue(name, out var patch);
        if (patch is not null) config = config.With(patch.Config);
        config = config.With(new[] { new KeyValuePair<string, object?>("materialized", "seed") });
        var text = config.Enabled ? TextFiles.Read(file.FullPath, file.DisplayPath) : null;
        return (new ProjectNode(NodeKind.Seed, name, file.DisplayPath, file.FullPath, config, null,
            ImmutableArray<TemplateReference>.Empty, ImmutableArray<TemplateReference>.Empty, patch?.Description,
            patch?.Columns ?? ImmutableArray<ColumnSpec>.Empty, patch?.Tests ?? ImmutableArray<DataTestSpec>.Empty, Package: package?.Name)
            { TextHash = text is null ? null : ParseCache.Hash(text) }, text);
    }

    private static void CheckDuplicates(IEnumerable<ProjectNode> nodes)
    {
        var duplicates = nodes.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new Diagnostic($"two nodes are named '{g.Key}': {string.Join(" and ", g.Select(n => n.RelativePath))}",
                g.First().RelativePath, 1)).ToList();
        if (duplicates.Count > 0) throw new ProjectException(duplicates);
    }

    /// <summary>
    /// The SQL files of the model paths, walked once: models, and singular data tests (in any tests/ folder there, or
    /// under the test paths).
    /// </summary>
    private static (List<(string FullPath, string DisplayPath)> Models, List<(string FullPath, string DisplayPath)> SingularTests) SqlFiles(
        string root, ProjectSettings settings, ProjectFileListing listing)
    {
        var isModel = IsModelFile(root, settings);
        var models = new List<(string, string)>();
        var tests = listing.FilesUnder(settings.TestPaths, ".sql").ToList();
        foreach (var file in listing.FilesUnder(settings.ModelPaths, ".sql"))
        {
            if (isModel(file.FullPath, file.DisplayPath)) models.Add(file);
            else if (file.DisplayPath.Split('/').Contains("tests")) tests.Add(file);
        }
        return (models, tests.DistinctBy(f => f.DisplayPath).ToList());
    }

    /// <summary>
    /// Which files found under the model paths are models (given the full path and the project-relative '/' path):
    /// SQL files outside any tests/ folder there and outside the test paths (whose SQL files are singular data tests).
    /// </summary>
    public static Func<string, string, bool> IsModelFile(string root, ProjectSettings settings)
    {
        var testRoots = settings.TestPaths.Select(p => Path.GetFullPath(Path.Combine(root, p)) + Path.DirectorySeparatorChar).ToList();
        return (fullPath, displayPath) => fullPath.EndsWith(".sql", StringComparison.Ordinal)
            && !displayPath.StartsWith("tests/", StringComparison.Ordinal) && !displayPath.Contains("/tests/", StringComparison.Ordinal)
            && !testRoots.Any(t => fullPath.StartsWith(t, StringComparison.Ordinal));
    }

    /// <summary>The folder configs of models.yml that reach no model or seed, disabled ones included (dbt's unused configuration paths).</summary>
    private static IEnumerable<Diagnostic> UnusedConfigPaths(ProjectFile projectFile, ProjectSettings settings, List<ProjectNode> nodes,
        ImmutableArray<PackageDefinition> packages)
    {
        var models = nodes.Where(n => n.Kind == NodeKind.Model).ToList();
        var projectFolders = models.Where(m => m.Package is null).Select(m => FoldersBelowPath(m.RelativePath, settings.ModelPaths)).ToList();
        var packageFolders = packages.ToDictionary(p => p.Name, p => models.Where(m => m.Package == p.Name)
            .Select(m => FoldersBelowPath(m.RelativePath, [p.Folder])).ToList(), StringComparer.Ordinal);
        var seedFolders = nodes.Where(n => n.Kind == NodeKind.Seed).Select(n => FoldersBelowPath(n.RelativePath, settings.SeedPaths)).ToList();
        return projectFile.Models.UnusedPaths("models", "model", projectFolders, packageFolders)
            .Concat(projectFile.Seeds.UnusedPaths("seeds", "seed", seedFolders, new Dictionary<string, List<IReadOnlyList<string>>>()));
    }

    /// <summary>The folders between one of <paramref name="basePaths"/> and the file (what folder config is keyed by).</summary>
    internal static IReadOnlyList<string> FoldersBelowPath(string displayPath, IEnumerable<string> basePaths)
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

    private static List<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
