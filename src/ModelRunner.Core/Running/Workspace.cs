using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Running;

/// <summary>Options every command shares: where the project is, which target, which variables.</summary>
public sealed record WorkspaceOptions(
    string ProjectDirectory,
    string? ProfilesDirectory,
    string? Target,
    string? Vars,
    IReadOnlyDictionary<string, string> Environment,
    DateTimeOffset RunStartedAt,
    bool PartialParse = true,
    string? StateDirectory = null); // --state: an earlier manifest.json, for state: selectors and --defer

/// <summary>
/// A loaded project bound to its target: project model, DAG, templates, naming and artifacts.
/// Commands build on it; opening it touches no database.
/// </summary>
public sealed class Workspace
{
    private readonly ParseCache? _cache;

    private Workspace(WorkspaceOptions options, LoadedProject loaded, Dag dag, TargetSettings target, IEngineFactory factory)
    {
        Options = options; Project = loaded.Project; Dag = dag; Target = target; EngineFactory = factory;
        Templates = loaded.Templates; Warnings = loaded.Warnings; _cache = loaded.Cache;
        Namer = new RelationNamer(target, factory.Capabilities.RunScopedCatalog);
        Artifacts = new ArtifactWriter(Project.RootDirectory, Project.Settings, SecretScrubber.From(options.Environment));
        State = options.StateDirectory is { } state ? StateManifest.Read(Path.GetFullPath(state)) : null;
    }

    /// <summary>The earlier manifest given with --state, if any.</summary>
    public StateManifest? State { get; }

    public WorkspaceOptions Options { get; }
    public ProjectModel Project { get; }
    public Dag Dag { get; }
    public TargetSettings Target { get; }
    public IEngineFactory EngineFactory { get; }
    public TemplateEnvironment Templates { get; }
    public ImmutableArray<Diagnostic> Warnings { get; }
    public RelationNamer Namer { get; }
    public ArtifactWriter Artifacts { get; }
    public ParseCache? ParseCache => _cache;

    public static Workspace Open(WorkspaceOptions options, EngineRegistry engines) =>
        Open(options, engines, ProjectLoader.Load)!;

    /// <summary>
    /// A workspace of only the models in <paramref name="files"/> and the nodes they ref (see
    /// <see cref="ProjectLoader.LoadAround"/>), for re-rendering edited models alone; null when it cannot be loaded so.
    /// </summary>
    public static Workspace? OpenAround(WorkspaceOptions options, EngineRegistry engines, IReadOnlyList<string> files,
        IReadOnlyDictionary<string, string> modelFiles, IReadOnlyDictionary<string, ImmutableArray<string>>? listed = null) =>
        Open(options with { PartialParse = false }, engines, request => ProjectLoader.LoadAround(request with { KnownFiles = listed }, files, modelFiles));

    private static Workspace? Open(WorkspaceOptions options, EngineRegistry engines, Func<LoadRequest, LoadedProject?> load)
    {
        var root = Path.GetFullPath(options.ProjectDirectory);
        var projectFile = ProjectFileReader.Read(root);
        var profileName = projectFile.Settings.Profile ?? projectFile.Settings.Name;
        var profilesDir = options.ProfilesDirectory ?? Path.Combine(root, "profiles");
        var target = ProfilesLoader.Load(profilesDir, profileName, options.Target, options.Environment, engines);
        var factory = engines.Get(target.Type);
        var cliVars = ParseVars(options.Vars);
        // The cache is tied to this build of ModelRunner and of the engine (their SQL may change between builds).
        var partialParse = options.PartialParse
            ? new PartialParse(Path.Combine(root, projectFile.Settings.TargetPath, ParseCache.FileName),
                $"{typeof(Workspace).Assembly.ManifestModule.ModuleVersionId}/{factory.GetType().Assembly.ManifestModule.ModuleVersionId}")
            : null;
        var loaded = load(new LoadRequest(root, projectFile, target, factory.Capabilities, cliVars,
            options.Environment, options.RunStartedAt, partialParse));
        return loaded is null ? null : new Workspace(options, loaded, Dag.Build(loaded.Project), target, factory);
    }

    public ImmutableArray<ProjectNode> Select(IReadOnlyList<string> select, IReadOnlyList<string> exclude) =>
        new Selector(Dag, Project, State is null ? null : new StateComparison(State, Project, Templates.Macros, Templates.Options)).Select(select, exclude);

    public ModelCompiler CreateCompiler(RelationCatalog catalog, bool fullRefresh, bool empty = false, Func<string, Relation?>? deferTo = null,
        EventTimeWindow? window = null) =>
        new(Project, Dag, Templates, EngineFactory.Dialect, Namer, catalog, fullRefresh, _cache, empty, deferTo, window);

    /// <summary>
    /// --defer, as dbt's: a ref to a model that is not selected and does not exist in this target reads the relation
    /// the state manifest recorded for it (e.g. production's), so a CI run builds only what changed.
    /// </summary>
    public Func<string, Relation?> DeferTo(IReadOnlyCollection<ProjectNode> selected, RelationCatalog relations)
    {
        var state = State ?? throw new ProjectException("--defer needs --state DIR: the manifest whose relations refs to unselected models read");
        var chosen = selected.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return name => !chosen.Contains(name) && Dag.ByName.TryGetValue(name, out var node) && state.Nodes.TryGetValue(node.UniqueId, out var old)
            && relations.KindOf(Namer.RelationOf(node)) == RelationKind.None ? old.Relation : null;
    }

    public IEngine Connect(bool readOnly = false) => EngineFactory.Create(Target, Project.RootDirectory, readOnly);

    /// <summary>
    /// Renders every enabled model outside <paramref name="selected"/> as a first build, discarding the SQL, as dbt's
    /// parse renders every model: an unknown function or a missing variable in a model is an error whatever the
    /// selection, not a surprise the day someone selects it. Before anything connects; the partial-parse cache serves
    /// unchanged models.
    /// </summary>
    public void CheckTemplatesOutside(IReadOnlyCollection<ProjectNode> selected)
    {
        var names = selected.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var others = Project.Nodes.Where(n => n.Kind == NodeKind.Model && !names.Contains(n.Name)).ToList();
        if (others.Count > 0) CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll(others);
    }

    /// <summary>target/compiled/, manifest.json and the partial-parse cache, for the nodes just compiled.</summary>
    public ManifestLayout WriteCompileArtifacts(IReadOnlyList<CompiledNode> compiled)
    {
        // Three independent files (sets): written side by side.
        ManifestLayout? layout = null;
        Parallel.Invoke(
            () => Artifacts.WriteCompiled(compiled),
            () => layout = Artifacts.WriteManifest(Project, Dag, compiled.ToDictionary(c => c.Node.Name), Namer, Target, Options.RunStartedAt, Templates),
            () => _cache?.Save());
        return layout!;
    }

    private static ImmutableDictionary<string, object?> ParseVars(string? text) => ParseMapping(text, "--vars");

    /// <summary>A command-line mapping (--vars, --args) given as YAML or JSON; empty when not given.</summary>
    public static ImmutableDictionary<string, object?> ParseMapping(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return ImmutableDictionary<string, object?>.Empty;
        return YamlDocument.ParseValue(text, option) switch
        {
            IDictionary<string, object?> map => map.ToImmutableDictionary(),
            _ => throw new ProjectException($"{option} must be a YAML or JSON mapping, e.g. {option} '{{name: value}}'"),
        };
    }
}
