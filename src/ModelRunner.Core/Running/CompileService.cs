using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

/// <summary>
/// Renders the selected models into target/compiled/ and writes manifest.json, running nothing.
/// With <c>offline</c> it needs no connection: incremental models then render as a first build.
/// </summary>
public sealed class CompileService
{
    public ImmutableArray<CompiledNode> Compile(Workspace workspace, IReadOnlyList<string> select, IReadOnlyList<string> exclude,
        bool fullRefresh, bool offline)
    {
        var selected = workspace.Select(select, exclude).Where(n => n.Kind == Project.NodeKind.Model).ToList();
        ImmutableArray<CompiledNode> compiled;
        if (offline)
        {
            compiled = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh).CompileAll(selected);
        }
        else
        {
            using var engine = workspace.Connect();
            using var session = engine.OpenSession();
            compiled = workspace.CreateCompiler(RelationCatalog.FromSession(session), fullRefresh).CompileAll(selected);
        }
        workspace.WriteCompileArtifacts(compiled);
        return compiled;
    }
}
