using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

/// <summary>
/// Renders the selected models into target/compiled/ and writes manifest.json, running nothing.
/// With <c>offline</c> it needs no connection: incremental models then render as a first build.
/// </summary>
public sealed class CompileService
{
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

/// <summary>What a compile wrote: its models, its data tests, and where each node lies in manifest.json.</summary>
public sealed record CompiledSelection(ImmutableArray<CompiledNode> Models, ImmutableArray<Testing.CompiledTest> Tests, ManifestLayout Layout);
