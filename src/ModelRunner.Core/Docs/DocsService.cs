using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Docs;

/// <summary>What `docs generate` wrote.</summary>
public sealed record DocsOutput(string IndexPath, int Models, int Seeds, int Sources, int Tests, int Typed);

/// <summary>
/// `modelrunner docs generate`, as dbt's: compiles every model and test (manifest.json), asks the database for the
/// types of what exists (catalog.json; not with <c>offline</c>), reads the last run_results.json, and writes the
/// site, target/index.html.
/// </summary>
public sealed class DocsService
{
    public DocsOutput Generate(Workspace workspace, bool offline)
    {
        var compiled = new CompileService().CompileWithTests(workspace, [], [], fullRefresh: false, offline);
        var project = workspace.Project;
        var unitTests = TestSelector.Select(project, workspace.Dag.Ordered, [], []).Unit;
        var target = workspace.Artifacts.TargetDirectory;
        ImmutableDictionary<string, CatalogEntry>? catalog = null;
        if (!offline)
        {
            using var engine = workspace.Connect(readOnly: true);
            using var session = engine.OpenSession();
            catalog = DatabaseCatalog.Read(session, Relations(workspace));
            DatabaseCatalog.Write(target, catalog, workspace.Options.RunStartedAt, workspace.Target);
        }
        var content = new DocsContent(project, workspace.Dag, workspace.Namer, compiled.Models.ToDictionary(m => m.Node.Name, m => m.Sql),
            compiled.Tests, unitTests, catalog, LastRunResults.Read(target), $"{workspace.Target.Name} ({workspace.Target.Type})",
            workspace.Options.RunStartedAt);
        var index = Path.Combine(target, "index.html");
        Directory.CreateDirectory(target);
        File.WriteAllText(index, DocsSite.Html(content));
        return new DocsOutput(index,
            workspace.Dag.Ordered.Count(n => n.Kind == NodeKind.Model), workspace.Dag.Ordered.Count(n => n.Kind == NodeKind.Seed),
            project.Sources.Sum(s => s.Tables.Length), compiled.Tests.Length + unitTests.Length, catalog?.Count ?? 0);
    }

    /// <summary>Every relation the project builds (ephemeral models build none) or reads as a source.</summary>
    private static List<(string UniqueId, Relation Relation)> Relations(Workspace workspace) =>
        workspace.Dag.Ordered.Where(n => n.Kind == NodeKind.Seed || n.Config.Materialized != "ephemeral")
            .Select(n => (n.UniqueId, workspace.Namer.RelationOf(n)))
            .Concat(workspace.Project.Sources.SelectMany(s => s.Tables.Select(t =>
                (DocsSite.SourceId(workspace.Project, s.Name, t.Name), workspace.Namer.SourceRelation(s, t)))))
            .ToList();
}
