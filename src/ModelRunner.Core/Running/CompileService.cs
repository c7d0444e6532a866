using System.Collections.Immutable;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Running;

/// <summary>
/// Renders the selected models into target/compiled/ and writes manifest.json, running nothing.
/// With <c>offline</c> it needs no connection: incremental models then render as a first build.
/// </summary>
public sealed class CompileService
{
    /// <summary>
    /// What `compile` does: nothing when nothing changed since the last offline compile; only the edited models when
    /// only a few model files changed (see <see cref="CompileShortcut"/> and <see cref="IncrementalCompile"/>); else the
    /// whole selection, in the workspace <paramref name="open"/> gives (which reports the load's warnings itself).
    /// </summary>
    public CompileOutcome CompileOrSkip(CompileShortcut.Request request, bool offline, EngineRegistry engines, Func<Workspace> open)
    {
        var check = offline ? CompileShortcut.Check(request) : new CompileShortcut.Outcome(null, null, null);
        if (check.Replay is { } replay)
            return new CompileOutcome(replay.Models, replay.CompiledPath, " (nothing changed since the last compile)", replay.Warnings);
        if (check.Edited is { } edited && IncrementalCompile.TryCompile(request, edited, engines) is { } result)
        {
            CompileShortcut.RecordEdited(edited, result.Written, result.Layout);
            var rendered = edited.Files.Length > 0 ? $"only {edited.Files.Length} edited or new model(s) rendered" : null;
            var removed = edited.Removed.Length > 0 ? $"{edited.Removed.Length} removed model(s) taken out of the manifest" : null;
            return new CompileOutcome(edited.Models, result.CompiledPath,
                $" ({string.Join(", ", new[] { rendered, removed }.OfType<string>())}: nothing else changed since the last compile)", edited.Last.Warnings);
        }
        var workspace = open();
        var compiled = CompileWithTests(workspace, request.Select, request.Exclude, request.FullRefresh, offline, request.Window);
        if (offline) CompileShortcut.Record(check.Inputs, workspace, compiled.Models.Length, compiled.Layout);
        return new CompileOutcome(compiled.Models.Length, Path.Combine(workspace.Project.Settings.TargetPath, "compiled"), "", []);
    }

    public ImmutableArray<CompiledNode> Compile(Workspace workspace, IReadOnlyList<string> select, IReadOnlyList<string> exclude,
        bool fullRefresh, bool offline, EventTimeWindow? window = null) => CompileWithTests(workspace, select, exclude, fullRefresh, offline, window).Models;

    /// <summary>The compiled models and the compiled data tests of the selection (what `docs generate` shows).</summary>
    public CompiledSelection CompileWithTests(Workspace workspace, IReadOnlyList<string> select, IReadOnlyList<string> exclude,
        bool fullRefresh, bool offline, EventTimeWindow? window = null)
    {
        var nodes = workspace.Select(select, exclude);
        var selected = nodes.Where(n => n.Kind == Project.NodeKind.Model).ToList();
        workspace.CheckTemplatesOutside(selected);
        // The catalog asks the session which relations exist as it compiles: the connection stays open until then.
        using var engine = offline ? null : workspace.Connect(readOnly: true);
        using var session = engine?.OpenSession();
        // With a keyhole window: the SQL a keyhole run of these models would run (the templates see the window).
        var compiler = workspace.CreateCompiler(session is null ? RelationCatalog.Offline() : RelationCatalog.FromSession(session), fullRefresh, window: window);
        var compiled = compiler.CompileAll(selected);
        var layout = workspace.WriteCompileArtifacts(compiled);
        // The data tests of the selection too, as dbt compiles them: their SQL can be read before running them.
        var tests = Testing.TestSelector.Select(workspace.Project, nodes, select, exclude).Data;
        var testCompiler = new Testing.TestCompiler(workspace.Templates, compiler, workspace.EngineFactory.Dialect);
        var compiledTests = tests.Select(t => testCompiler.Compile(t)).ToImmutableArray();
        workspace.Artifacts.WriteCompiledTests(compiledTests);
        return new CompiledSelection(compiled, compiledTests, layout);
    }
}

/// <summary>What `compile` reports: how many models, where, why it did less than a whole compile, and the warnings it replays.</summary>
public sealed record CompileOutcome(int Models, string CompiledPath, string Note, ImmutableArray<string> ReplayedWarnings);

/// <summary>What a compile wrote: its models, its data tests, and where each node lies in manifest.json.</summary>
public sealed record CompiledSelection(ImmutableArray<CompiledNode> Models, ImmutableArray<Testing.CompiledTest> Tests, ManifestLayout Layout);
