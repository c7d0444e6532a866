using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Json;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>
/// Reuse of a package whose run would change nothing (as dbt's state-aware orchestration reuses models with no new
/// data and no new code). A package opts in with an <c>input-signal:</c> query in its package.yml: one row that moves
/// whenever anything the package reads from outside itself changes (new or erased events) or its own state moves (its
/// incremental manifest). A run that selects the whole package reads the signal before it starts and, if every model
/// and hook of the package succeeded, again after; both are recorded with the package's fingerprint (its files,
/// config, macros, vars, every node's config, where the sources are, the target and this build) in target/reuse_state.json.
///
/// A later run reuses the package (its models are reported REUSED, its hooks do not run) only when: the fingerprint
/// is the same; the signal now equals the signal before and after that run (that run started from this very state
/// and ended in it, so running again from it ends in it again); every relation of the package exists; and every
/// model the package reads outside itself belongs to a package reused too (seeds count through their files). Any
/// run that builds part of a package, or fails in it, forgets its record before it starts; run-operation and erase
/// forget every record (<see cref="ReuseRecords.Clear"/>).
/// </summary>
public sealed class PackageReuse
{
    private readonly Workspace _workspace;
    private readonly ImmutableDictionary<string, Candidate> _recordable;
    private readonly ImmutableArray<ReuseRecord> _others;

    /// <summary>A package the run selects whole and whose signal was read before the run.</summary>
    private sealed record Candidate(PackageDefinition Package, string Fingerprint, string Signal, ImmutableArray<ProjectNode> Members);

    private PackageReuse(Workspace workspace, ImmutableDictionary<string, Candidate> recordable, ImmutableArray<ReuseRecord> others,
        ImmutableHashSet<string> reused)
    {
        _workspace = workspace; _recordable = recordable; _others = others; Reused = reused;
    }

    /// <summary>The packages this run leaves as they are.</summary>
    public ImmutableHashSet<string> Reused { get; }

    public bool IsReused(ProjectNode node) => node.Package is { } p && Reused.Contains(p);

    public bool IsReused(RunHook hook) => hook.Package is { } p && Reused.Contains(p);

    /// <summary>
    /// Reads the signals of the packages the run selects whole, decides which are reused, and forgets (on disk, before
    /// anything runs) the record of every other package the run touches.
    /// </summary>
    public static PackageReuse Decide(Workspace workspace, RunRequest request, IReadOnlyCollection<ProjectNode> selected,
        RelationCatalog relations, IEngineSession session, ModelCompiler compiler, IRunReporter reporter)
    {
        var project = workspace.Project;
        var packages = (project.Packages.IsDefault ? [] : project.Packages).Where(p => p.Enabled).ToList();
        var chosen = selected.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var members = packages.ToDictionary(p => p.Name, p => project.Nodes.Where(n => n.Kind == NodeKind.Model && n.Package == p.Name).ToImmutableArray(),
            StringComparer.Ordinal);
        var touched = packages.Where(p => members[p.Name].Any(n => chosen.Contains(n.Name))).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var records = ReuseRecords.Read(workspace.Artifacts.TargetDirectory);
        var target = workspace.Target.Name;

        // A keyhole, --empty or --defer run builds something other than the package's usual state: never recorded.
        var mayRecord = request.Mode is RunMode.Models or RunMode.Build && !request.Empty && request.Window is null && !request.Defer;
        var mayReuse = mayRecord && request.Reuse && !request.FullRefresh;
        var fingerprints = new Fingerprints(workspace);
        var recordable = ImmutableDictionary.CreateBuilder<string, Candidate>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var nodes = members[package.Name];
            if (!mayRecord || package.InputSignal is null || nodes.IsEmpty || !nodes.All(n => chosen.Contains(n.Name))) continue;
            if (fingerprints.Of(package, nodes) is not { } fingerprint) continue;
            // Before the package's first run the tables its signal reads do not exist: nothing to reuse or record yet.
            if (!SignalTablesExist(workspace, package, relations)) continue;
            if (ReadSignal(package, session, compiler, reporter) is { } signal)
                recordable[package.Name] = new Candidate(package, fingerprint, signal, nodes);
        }

        var reused = new HashSet<string>(StringComparer.Ordinal);
        if (mayReuse)
            foreach (var candidate in recordable.Values)
            {
                var record = records.FirstOrDefault(r => r.Target == target && r.Package == candidate.Package.Name);
                if (record is null || record.Fingerprint != candidate.Fingerprint || record.Before != record.After || record.After != candidate.Signal) continue;
                // A relation dropped or renamed since: the package builds it again. (A run-scoped table never outlives a run.)
                if (candidate.Members.Any(n => !n.IsEphemeral && !workspace.Namer.IsRunScoped(n)
                        && relations.KindOf(workspace.Namer.RelationOf(n)) == RelationKind.None)) continue;
                reused.Add(candidate.Package.Name);
            }
        // A package reading models outside itself is reused only with the packages it reads (they may be about to change).
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var name in reused.ToList())
            {
                var upstream = members[name].SelectMany(n => workspace.Dag.Parents[n.Name]).Select(p => workspace.Dag.ByName[p])
                    .Where(p => p.Kind == NodeKind.Model && p.Package != name);
                if (upstream.All(p => p.Package is { } owner && reused.Contains(owner))) continue;
                reused.Remove(name);
                changed = true;
            }
            // A model this run builds that reads a run-scoped table of a reused package would find it gone: that package builds.
            foreach (var name in reused.ToList())
            {
                var builtNow = selected.Where(n => n.Package is not { } owner || !reused.Contains(owner));
                if (!builtNow.Any(n => RunScopedReads.Among(workspace, workspace.Dag.Parents[n.Name]).Any(p => workspace.Dag.ByName[p].Package == name))) continue;
                reused.Remove(name);
                changed = true;
            }
        }
        foreach (var name in reused.Order(StringComparer.Ordinal))
            reporter.Info($"Reusing {name}: nothing it reads changed since its last run, which itself changed nothing, and neither did its code "
                + $"({members[name].Length} model(s) left as they are; input signal {recordable[name].Signal}). --no-reuse builds it anyway.");

        // Before anything runs: a package this run builds (or part of) is no longer in the recorded state.
        var others = records.Where(r => r.Target != target || !touched.Contains(r.Package) || reused.Contains(r.Package)).ToImmutableArray();
        if (others.Length != records.Length) ReuseRecords.Write(workspace.Artifacts.TargetDirectory, others);
        return new PackageReuse(workspace, recordable.ToImmutable(), others, reused.ToImmutableHashSet(StringComparer.Ordinal));
    }

    /// <summary>The results of the reused packages' models: REUSED, nothing run.</summary>
    public IEnumerable<NodeResult> Results(IEnumerable<CompiledNode> compiled) =>
        compiled.Where(c => IsReused(c.Node)).Select(c => new NodeResult(c.Node.UniqueId, c.Node.Name, c.Node.Config.Materialized,
            c.Relation.ToString(), NodeStatus.Reused, null, $"reused: nothing {c.Node.Package} reads changed since its last run",
            TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UtcNow, 0, _workspace.Artifacts.CompiledPath(c.Node), []));

    /// <summary>
    /// After the run: each package it built whole, whose models and hooks all succeeded, is recorded with its signal
    /// before and after. Reused packages keep their record.
    /// </summary>
    public void Record(IReadOnlyList<NodeResult> results, IEngineSession session, ModelCompiler compiler, IRunReporter reporter)
    {
        var records = _others.ToList();
        foreach (var candidate in _recordable.Values.Where(c => !Reused.Contains(c.Package.Name)))
        {
            var name = candidate.Package.Name;
            var built = candidate.Members.All(n => results.Any(r => r.UniqueId == n.UniqueId && r.Status == NodeStatus.Success));
            var hooksFine = results.Where(r => r.Materialization == "operation" && r.Name.StartsWith(name + " ", StringComparison.Ordinal))
                .All(r => r.Status == NodeStatus.Success);
            if (!built || !hooksFine) continue;
            if (ReadSignal(candidate.Package, session, compiler, reporter) is not { } after) continue;
            records.Add(new ReuseRecord(_workspace.Target.Name, name, candidate.Fingerprint, candidate.Signal, after,
                _workspace.Options.RunStartedAt.ToString("o", CultureInfo.InvariantCulture)));
        }
        if (records.Count != _others.Length) ReuseRecords.Write(_workspace.Artifacts.TargetDirectory, records);
    }

    /// <summary>Whether every model the signal refs exists (the template parses: the package was refused at load otherwise).</summary>
    private static bool SignalTablesExist(Workspace workspace, PackageDefinition package, RelationCatalog relations) =>
        Templating.ParsedTemplate.Parse(package.InputSignal!, $"{package.File} (input-signal)").Scan.Refs
            .All(r => !workspace.Dag.ByName.TryGetValue(r.Name, out var node)
                || node.IsEphemeral || relations.KindOf(workspace.Namer.RelationOf(node)) != RelationKind.None);

    /// <summary>The package's signal, its one row as text (column=value, …), as runs record it.</summary>
    public static string SignalOf(PackageDefinition package, IEngineSession session, ModelCompiler compiler)
    {
        var sql = compiler.RenderProjectHook(new RunHook(package.InputSignal!, "input-signal", package.File, package.Name));
        var result = session.Query(sql);
        if (result.Rows.Count != 1) throw new EngineException($"the input-signal query returned {result.Rows.Count} rows, not one");
        var row = result.Rows[0];
        return string.Join(", ", result.Columns.Select((c, i) => c + "=" + Text(row[i])));
    }

    /// <summary>The signal (<see cref="SignalOf"/>); null, with a warning, when it cannot be read: the package builds.</summary>
    private static string? ReadSignal(PackageDefinition package, IEngineSession session, ModelCompiler compiler, IRunReporter reporter)
    {
        try { return SignalOf(package, session, compiler); }
        catch (Exception e) when (e is EngineException or ProjectException)
        {
            reporter.Warning($"{package.Name} is not reused in this run or the next: its input-signal ({package.File}) could not be read: {e.Message}");
            return null;
        }
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "null",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>What a package's build depends on besides the data: this build, the target, its files and everything they read.</summary>
    private sealed class Fingerprints(Workspace workspace)
    {
        private readonly Lazy<string> _macros = new(() => string.Join("\n", StateFingerprints.Macros(workspace.Templates.Macros)
            .OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + m.Value)));
        private readonly Lazy<IReadOnlyDictionary<string, string>> _vars = new(() => StateFingerprints.Vars(workspace.Project, workspace.Templates.Options));
        // Every node of the project with its config: a template may read other nodes' configs (models_tagged: the
        // Snowplow run limits cover every model tagged for the manifest, so switching a module on must rebuild them).
        private readonly Lazy<string> _nodes = new(() => string.Join("\n", workspace.Project.Nodes.OrderBy(n => n.UniqueId, StringComparer.Ordinal)
            .Select(n => $"{n.UniqueId} {n.Package} {StateFingerprints.Config(n.Config)}")));
        // Where each source is (a property file may point atomic.events elsewhere).
        private readonly Lazy<string> _sources = new(() => string.Join("\n", workspace.Project.Sources
            .SelectMany(s => s.Tables.Select(t => $"{s.Name}.{t.Name}={workspace.Namer.SourceRelation(s, t)}")).Order(StringComparer.Ordinal)));

        /// <summary>Null when a file's hash is not known (nothing is then recorded or reused).</summary>
        public string? Of(PackageDefinition package, ImmutableArray<ProjectNode> members)
        {
            var target = workspace.Target;
            var text = new StringBuilder()
                .Append(typeof(PackageReuse).Assembly.ManifestModule.ModuleVersionId).Append('\n')
                .Append(workspace.EngineFactory.GetType().Assembly.ManifestModule.ModuleVersionId).Append('\n')
                .Append(target.Type).Append('\n').Append(target.Name).Append('\n').Append(target.Database).Append('\n').Append(target.Schema).Append('\n')
                .Append(PlainJson.Serialize(target.Settings, sortKeys: true)).Append('\n')
                .Append(package.Name).Append('\n').Append(package.InputSignal).Append('\n').Append(package.RunHealth).Append('\n')
                .AppendJoin('\n', package.OnRunStart).Append('\n').AppendJoin('\n', package.OnRunEnd).Append('\n')
                .Append(_vars.Value.GetValueOrDefault(package.Name)).Append('\n')
                .Append(_macros.Value).Append('\n').Append(_nodes.Value).Append('\n').Append(_sources.Value).Append('\n');
            var names = members.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var upstream = members.SelectMany(n => workspace.Dag.Parents[n.Name]).Where(p => !names.Contains(p)).Distinct().Select(p => workspace.Dag.ByName[p]);
            foreach (var node in members.Concat(upstream).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
            {
                if (node.TextHash is null && (node.Kind == NodeKind.Seed || names.Contains(node.Name))) return null;
                // Their configs and packages are in every node's line above.
                text.Append(node.UniqueId).Append(' ').Append(node.TextHash).Append(' ').Append(workspace.Namer.RelationOf(node)).Append('\n');
            }
            return ParseCache.Hash(text.ToString());
        }
    }
}
