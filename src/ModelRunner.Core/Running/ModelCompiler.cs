using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;
using Scriban.Runtime;

namespace ModelRunner.Core.Running;

/// <summary>A node rendered into plain SQL for the target, with its hooks, ready to materialize.</summary>
public sealed record CompiledNode(
    ProjectNode Node,
    Relation Relation,
    string Sql,
    bool IsIncremental,
    ImmutableArray<string> PreHooks,
    ImmutableArray<string> PostHooks,
    bool FromCache = false)
{
    /// <summary>In a keyhole run, an incremental model with event_time: the column and window whose rows its new rows replace.</summary>
    public (string Column, EventTimeWindow Window)? ReplacesWindow { get; init; }
}

/// <summary>
/// Renders nodes into SQL: refs resolve to relations (or to CTEs for ephemeral models, inlined into
/// their dependants), <c>is_incremental</c> comes from the relation catalog and --full-refresh.
/// </summary>
public sealed partial class ModelCompiler
{
    private const string CtePrefix = "__mr_cte__";
    private readonly ProjectModel _project;
    private readonly Dag _dag;
    private readonly TemplateEnvironment _templates;
    private readonly SqlDialect _dialect;
    private readonly RelationNamer _namer;
    private readonly RelationCatalog _catalog;
    private readonly bool _fullRefresh;
    private readonly bool _empty;
    private readonly Func<string, Relation?>? _deferTo;
    private readonly EventTimeWindow? _window;
    private readonly ConcurrentDictionary<string, Lazy<string>> _ephemeralBodies = new(StringComparer.Ordinal);

    private readonly ParseCache? _cache;
    private readonly ConcurrentDictionary<string, Relation> _relations = new(StringComparer.Ordinal);
    // Built once: every render of this compiler reads them.
    private readonly IReadOnlyDictionary<string, object?> _projectFunctions;
    // What models_tagged answers from: every model's name and tags, hashed once per compiler.
    private readonly Lazy<string> _modelTags;

    /// <param name="empty">
    /// --empty, as dbt's: refs and sources in a model's SQL read no rows (<c>(select * from x where false)</c>), so a run
    /// checks every query against the real schemas at no cost; hooks and <c>this</c> keep the real relations.
    /// </param>
    public ModelCompiler(ProjectModel project, Dag dag, TemplateEnvironment templates, SqlDialect dialect,
        RelationNamer namer, RelationCatalog catalog, bool fullRefresh, ParseCache? cache = null, bool empty = false,
        Func<string, Relation?>? deferTo = null, EventTimeWindow? window = null)
    {
        _project = project; _dag = dag; _templates = templates; _dialect = dialect;
        _namer = namer; _catalog = catalog; _fullRefresh = fullRefresh; _empty = empty; _deferTo = deferTo; _window = window;
        _cache = empty || deferTo is not null || window is not null ? null : cache; // renders that differ from a plain run's are not cached
        _projectFunctions = ProjectFunctions(project);
        // Which models are ephemeral counts too: models_tagged leaves them out.
        _modelTags = new Lazy<string>(() => ParseCache.Hash(project.Nodes.Where(n => n.Kind == NodeKind.Model)
            .Select(n => n.Name + (n.IsEphemeral ? "\u001e" : "\u001f") + string.Join('\u001f', n.Config.Tags)).Order(StringComparer.Ordinal).ToArray()));
    }

    /// <summary>Compiles every node given; all templates are rendered before anything runs, errors collected.</summary>
    public ImmutableArray<CompiledNode> CompileAll(IReadOnlyList<ProjectNode> nodes)
    {
        var results = new CompiledNode?[nodes.Count];
        var errors = new ConcurrentBag<Diagnostic>();
        Parallel.For(0, nodes.Count, i =>
        {
            try { results[i] = Compile(nodes[i]); }
            catch (ProjectException e) { foreach (var d in e.Diagnostics) errors.Add(d); }
        });
        if (!errors.IsEmpty)
            throw new ProjectException(errors.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ToList());
        return results.Select(r => r!).ToImmutableArray();
    }

    public CompiledNode Compile(ProjectNode node)
    {
        var relation = RelationOf(node);
        if (node.Kind == NodeKind.Seed)
            return new CompiledNode(node, relation, "", false, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);

        // full_refresh config as in dbt: true rebuilds on every run, false never (not even with --full-refresh).
        var refresh = node.Config.GetBool("full_refresh") ?? _fullRefresh;
        var isIncremental = node.Config.Materialized == "incremental" && !refresh
            && _catalog.KindOf(relation) == RelationKind.Table;
        var (rendered, fromCache) = RenderCached(node, relation, isIncremental);
        if (SingleQuery.SecondStatementLine(rendered.Sql, _dialect.BackslashEscapesInStrings) is { } line) // seeds returned above
            throw new ProjectException($"a model is one query, but its SQL goes on after a ';' (line {line} of the rendered SQL): move the "
                + "other statement into a pre_hook or post_hook, or into a model of its own", node.RelativePath, 0, 0, node.Name);
        var inlinesEphemerals = _dag.Parents.TryGetValue(node.Name, out var parents) && parents.Any(p => _dag.ByName[p].IsEphemeral);
        var sql = node.IsEphemeral ? rendered.Sql : InlineEphemerals(node, rendered.Sql);
        // Only a node whose whole SQL came from the cache counts as cached (an inlined ephemeral may have changed).
        return new CompiledNode(node, relation, string.Concat(sql.AsSpan().Trim(), "\n"), isIncremental, rendered.PreHooks, rendered.PostHooks,
            fromCache && !inlinesEphemerals)
        {
            ReplacesWindow = _window is not null && EventTimeWindow.ReplacedOn(node) is { } column ? (column, _window) : null,
        };
    }

    /// <summary>
    /// The node's hooks rendered with <c>this</c> as <paramref name="into"/>: under `build --audit` they act on the staging
    /// relation the model is built into (a post-hook updating <c>this</c> updates what its tests see and what is published).
    /// </summary>
    public (ImmutableArray<string> PreHooks, ImmutableArray<string> PostHooks) RenderHooksInto(CompiledNode compiled, Relation into) =>
        RenderHooks(compiled.Node, ScopeFor(compiled.Node, into, compiled.IsIncremental));

    private (ImmutableArray<string> PreHooks, ImmutableArray<string> PostHooks) RenderHooks(ProjectNode node, ModelScope scope) =>
        (RenderHooks(node.Config.PreHooks, node, scope, "pre_hook"), RenderHooks(node.Config.PostHooks, node, scope, "post_hook"));

    private ImmutableArray<string> RenderHooks(ImmutableArray<string> hooks, ProjectNode node, ModelScope scope, string kind) =>
        hooks.IsDefaultOrEmpty ? ImmutableArray<string>.Empty
            : hooks.Select((h, i) => RenderHook(h, node, scope, $"{kind}[{i}]")).Where(h => !HookStatements.IsEmpty(h)).ToImmutableArray();

    /// <summary>
    /// The model's own rendering (ephemeral CTEs are inlined afterwards, so a changed ephemeral never hides in a
    /// cached dependant). Hooks are strings whose templates the static scan does not see, so nodes with hooks
    /// are always rendered.
    /// </summary>
    private (CachedRender Render, bool FromCache) RenderCached(ProjectNode node, Relation relation, bool isIncremental)
    {
        var hasHooks = !node.Config.PreHooks.IsDefaultOrEmpty || !node.Config.PostHooks.IsDefaultOrEmpty;
        var key = _cache is null || node.CacheKey is null || hasHooks ? null : RenderKey(node, relation, isIncremental);
        if (key is not null && _cache!.TryGetRender(key, out var cached)) return (cached, true);

        // The query reads empty or deferred relations; hooks write, so they always see the target's own.
        var scope = ScopeFor(node, relation, isIncremental, forQuery: true);
        var hookScope = _empty || _deferTo is not null ? ScopeFor(node, relation, isIncremental) : scope;
        var (pre, post) = RenderHooks(node, hookScope);
        var rendered = new CachedRender(_templates.Render(node.Template!, scope, node.Name), pre, post);
        if (key is not null) _cache!.PutRender(key, rendered);
        return (rendered, false);
    }

    /// <summary>
    /// Renders a project-level hook (on-run-start / on-run-end). Hooks are run-level: they may ref any model, and an
    /// on-run-end hook reads the run's <c>results</c> (name, unique_id, status, tags, materialized, relation of each node).
    /// </summary>
    public string RenderProjectHook(RunHook hook, IEnumerable<NodeResult>? results = null)
    {
        var name = hook.Label;
        var extra = new Dictionary<string, object?>(_projectFunctions, StringComparer.Ordinal);
        if (results is not null)
        {
            var list = new ScriptArray();
            foreach (var r in results)
            {
                var node = _dag.ByName.GetValueOrDefault(r.Name) is { } n && n.UniqueId == r.UniqueId ? n : null;
                list.Add(new ScriptObject
                {
                    ["name"] = r.Name, ["unique_id"] = r.UniqueId, ["status"] = r.Status.ToString().ToLowerInvariant(),
                    ["tags"] = new ScriptArray(node?.Config.Tags ?? ImmutableArray<string>.Empty),
                    ["materialized"] = r.Materialization, ["relation"] = r.Relation,
                });
            }
            extra[TemplateGlobals.Results] = list;
        }
        var scope = new ModelScope(
            name => _dag.ByName.ContainsKey(name) ? RefTarget(name)
                : throw new TemplateFunctionException($"ref '{name}': no model or seed of that name.{Suggestions.DidYouMean(name, _dag.ByName.Keys)}"),
            (source, table) => ResolveSource(source, table), "", false, () => new ScriptObject { ["name"] = name }, extra, hook.Package, IsHook: true,
            Window: _window);
        return _templates.Render(ParsedTemplate.Parse(hook.Template, $"{hook.File} ({name})"), scope, name);
    }

    /// <summary>Functions every model render offers besides the run-wide ones (also in unit tests); read-only, shared by renders.</summary>
    public static IReadOnlyDictionary<string, object?> ProjectFunctions(ProjectModel project) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        // Ephemeral models are left out: they are never built, so no run's results name them (Snowplow's manifest,
        // which tracks the tagged models that succeeded, would wait for them forever).
        [TemplateGlobals.ModelsTagged] = new TemplateFunction(TemplateGlobals.ModelsTagged, 1, 1, (_, a) =>
            new ScriptArray(project.Nodes.Where(n => n.Kind == NodeKind.Model && !n.IsEphemeral && n.Config.Tags.Contains(Convert.ToString(a[0]) ?? ""))
                .Select(n => n.Name))),
    };

    private string RenderHook(string hook, ProjectNode node, ModelScope scope, string name) =>
        _templates.Render(ParsedTemplate.Parse(hook, $"{node.RelativePath} ({name})"), scope with { IsHook = true }, node.Name);

    /// <summary>
    /// Besides the model's text and the project-wide inputs (in its cache key), a render depends on its own
    /// relation, whether it is incremental, what each of its refs resolves to (a relation, or a CTE), and the models'
    /// tags (<c>models_tagged</c>, which a model or a macro it calls may read: Snowplow's run limits do).
    /// </summary>
    private string RenderKey(ProjectNode node, Relation relation, bool isIncremental)
    {
        var parts = new List<string> { relation.ToString(), isIncremental ? "incremental" : "full", _modelTags.Value };
        foreach (var name in node.Refs.Select(r => r.Name).Distinct().Order(StringComparer.Ordinal))
        {
            var target = _dag.ByName[name];
            parts.Add($"{name}={RelationOf(target)}/{target.Config.Materialized}");
        }
        return ParseCache.RenderKey(node.CacheKey!, ParseCache.Hash(parts.ToArray()));
    }

    /// <summary>Each node's relation, worked out once: every dependant asks for it.</summary>
    private Relation RelationOf(ProjectNode node) => _relations.GetOrAdd(node.Name, _ => _namer.RelationOf(node));

    private ModelScope ScopeFor(ProjectNode node, Relation relation, bool isIncremental, bool forQuery = false)
    {
        // A keyhole run restricts what a model with event_time reads to the window, input by input (dbt's microbatch):
        // the refs and sources that declare their own event_time.
        var windowed = forQuery && _window is not null && EventTimeWindow.ReplacedOn(node) is not null;
        return new(name => forQuery ? AsQueried(InWindow(Deferred(name) ?? ResolveRef(node, name), windowed ? _dag.ByName[name].Config.EventTime : null))
                : ResolveRef(node, name),
            (source, table) => forQuery ? AsQueried(InWindow(ResolveSource(source, table), windowed ? SourceTable(source, table).EventTime : null))
                : ResolveSource(source, table),
            new TemplateRelation(relation, _dialect),
            isIncremental,
            () => ModelObject(node),
            _projectFunctions,
            node.Package,
            IsEmpty: forQuery && _empty,
            Window: _window);
    }

    private object InWindow(object target, string? eventTime) =>
        eventTime is not null && target is TemplateRelation relation ? relation.Filtered(eventTime, _window!) : target;

    private SourceTable SourceTable(string sourceName, string tableName) =>
        _project.Sources.First(s => s.Name == sourceName).Tables.First(t => t.Name == tableName);

    /// <summary>
    /// What templates read as <c>model</c>: the node's name, path, materialization and config. The config holds every key
    /// the node's kind knows, null when unset, so `model.config.cluster_by` tests an optional key while a misspelled one
    /// is an error (members a template reads must exist).
    /// </summary>
    public static ScriptObject ModelObject(ProjectNode node)
    {
        var config = ConfigValidator.KnownKeys(node.Kind).ToDictionary(key => key, object? (_) => null, StringComparer.Ordinal);
        foreach (var (key, value) in node.Config.Values) config[key] = value;
        return new()
        {
            ["name"] = node.Name,
            ["path"] = node.RelativePath,
            ["materialized"] = node.Config.Materialized,
            ["tags"] = new ScriptArray(node.Config.Tags),
            ["unique_key"] = new ScriptArray(node.Config.UniqueKey),
            ["config"] = ScriptValues.ToScript(config),
        };
    }

    /// <summary>The relation a model or seed is built as, by name (data tests read it).</summary>
    public Relation RelationOf(string name) => RelationOf(_dag.ByName[name]);

    public Relation SourceRelation(string sourceName, string tableName)
    {
        var source = _project.Sources.First(s => s.Name == sourceName);
        return _namer.SourceRelation(source, source.Tables.First(t => t.Name == tableName));
    }

    /// <summary>A relation that reads no rows (--empty); an ephemeral model's CTE stays as it is (its own refs are empty).</summary>
    private static object Empty(object target) => target is TemplateRelation relation ? relation.Empty() : target;

    /// <summary>A ref or source as a query reads it in this compile: empty with --empty (models' SQL, data tests), else itself.</summary>
    public object AsQueried(object target) => _empty ? Empty(target) : target;

    /// <summary>With --defer, the state's relation for a model that is not selected and not built here; else null.</summary>
    private TemplateRelation? Deferred(string name) =>
        _deferTo?.Invoke(name) is { } relation && !_dag.ByName[name].IsEphemeral ? new TemplateRelation(relation, _dialect) : null;

    /// <summary>A ref of a data test: the staging override under audit, else deferred or empty as a model's query reads it.</summary>
    public object TestRef(string name, IReadOnlyDictionary<string, Relation>? overrides) =>
        AsQueried(overrides is not null && overrides.ContainsKey(name) ? RefTarget(name, overrides) : Deferred(name) ?? RefTarget(name, overrides));

    private object ResolveRef(ProjectNode from, string name)
    {
        if (!from.Refs.Any(r => r.Name == name))
            throw new TemplateFunctionException($"ref '{name}' was not found statically in '{from.Name}'; write it literally in the model or a macro it calls");
        return RefTarget(name);
    }

    private object ResolveSource(string sourceName, string tableName) => new TemplateRelation(SourceRelation(sourceName, tableName), _dialect);

    /// <summary>Ephemeral models become CTEs at the top of their dependant's query, dependencies first.</summary>
    private string InlineEphemerals(ProjectNode node, string sql) =>
        // An inline query (`show --inline`) is not in the DAG: its own refs are its parents.
        InlineEphemerals(_dag.Parents.TryGetValue(node.Name, out var ps) ? ps : node.Refs.Select(r => r.Name).Distinct(), sql);

    /// <summary>Prepends the CTEs of the ephemeral models among <paramref name="refs"/> (and theirs) to <paramref name="sql"/>.</summary>
    public string InlineEphemerals(IEnumerable<string> refs, string sql)
    {
        var needed = new List<string>();
        void Visit(IEnumerable<string> parents)
        {
            foreach (var parent in parents)
                if (_dag.ByName[parent].IsEphemeral && !needed.Contains(parent))
                {
                    Visit(_dag.Parents[parent]);
                    needed.Add(parent);
                }
        }
        Visit(refs);
        if (needed.Count == 0) return sql;
        var ctes = string.Join(",\n", needed.Select(n => $"{CtePrefix}{n} as (\n{EphemeralBody(n).Trim()}\n)"));
        var leadingWith = LeadingWith().Match(sql);
        return leadingWith.Success
            ? $"with {ctes},\n{sql[leadingWith.Length..]}"
            : $"with {ctes}\n{sql.TrimStart()}";
    }

    /// <summary>What a ref prints as: the model's relation, or the CTE name of an ephemeral model.</summary>
    public object RefTarget(string name, IReadOnlyDictionary<string, Relation>? overrides = null)
    {
        if (overrides is not null && overrides.TryGetValue(name, out var relation)) return new TemplateRelation(relation, _dialect);
        var target = _dag.ByName[name];
        return target.IsEphemeral ? CtePrefix + name : new TemplateRelation(RelationOf(target), _dialect);
    }

    private string EphemeralBody(string name) =>
        _ephemeralBodies.GetOrAdd(name, n => new Lazy<string>(() => Compile(_dag.ByName[n]).Sql)).Value;

    [GeneratedRegex(@"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*with\s+(?!recursive\b)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LeadingWith();
}

/// <summary>A relation as templates see it: prints as the quoted name; schema, identifier, database readable.</summary>
public sealed class TemplateRelation(Relation relation, SqlDialect dialect, bool empty = false, string? filter = null)
{
    /// <summary>The same relation, printing as a query of it that returns no rows (--empty).</summary>
    public TemplateRelation Empty() => new(relation, dialect, empty: true);

    /// <summary>The same relation, printing as a query of its rows whose <paramref name="column"/> lies in the window.</summary>
    public TemplateRelation Filtered(string column, EventTimeWindow window) =>
        new(relation, dialect, empty, dialect.EventTimeFilter(relation, column, window.StartText, window.EndText));

    public string? Database => relation.Database;
    public string Schema => relation.Schema;
    public string Identifier => relation.Identifier;
    public string Name => relation.Identifier;
    public override string ToString() => empty ? dialect.EmptyQuery(relation) : filter ?? dialect.Render(relation);
}
