using System.Collections.Immutable;
using ModelRunner.Core.Project;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Running;

/// <summary>
/// Run-scoped tables (<c>run_scoped: true</c>, on an engine that keeps them for the run alone: DuckDB) exist only while
/// the run that builds them lasts. A run that builds a model reading one builds it too (as dbt inlines an ephemeral
/// model wherever it is read), and a data test reading one runs only in the run that builds it (`build`); in a `test`
/// of its own it is skipped, saying why.
/// </summary>
public static class RunScopedReads
{
    /// <summary>
    /// The nodes to build: <paramref name="selected"/> and the run-scoped tables they read that are not selected (and
    /// those these read, and so on), each added named on the reporter.
    /// </summary>
    public static List<ProjectNode> WithTheirRunScopedTables(Workspace workspace, List<ProjectNode> selected, IRunReporter reporter)
    {
        var built = selected.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var added = new List<ProjectNode>();
        var pending = new Queue<ProjectNode>(selected.Where(n => n.Kind == NodeKind.Model));
        while (pending.TryDequeue(out var node))
            foreach (var missing in Missing(workspace, workspace.Dag.Parents[node.Name], built))
            {
                built.Add(missing);
                added.Add(workspace.Dag.ByName[missing]);
                pending.Enqueue(workspace.Dag.ByName[missing]);
            }
        if (added.Count == 0) return selected;
        reporter.Info($"Also building {string.Join(", ", added.Select(n => n.Name).Order(StringComparer.Ordinal))}: run-scoped tables the selection "
            + "reads, which exist only during the run that builds them");
        return [.. selected, .. added];
    }

    /// <summary>The data tests this run can run, and a skipped result, saying why, for each reading a run-scoped table it does not build.</summary>
    public static (ImmutableArray<DataTestNode> Runnable, ImmutableArray<NodeResult> Skipped) SplitTests(Workspace workspace,
        ImmutableArray<DataTestNode> tests, IReadOnlyCollection<ProjectNode> building, ArtifactWriter artifacts)
    {
        var built = building.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var runnable = ImmutableArray.CreateBuilder<DataTestNode>(tests.Length);
        var skipped = ImmutableArray.CreateBuilder<NodeResult>();
        foreach (var test in tests)
        {
            if (Missing(workspace, test.DependsOn, built).FirstOrDefault() is not { } missing)
            {
                runnable.Add(test);
                continue;
            }
            skipped.Add(new NodeResult(test.UniqueId, test.Name, "test", test.Name, NodeStatus.Skipped, null,
                $"skipped: it reads '{missing}', which is run_scoped: its table exists only during the run that builds it (`build` runs this test)",
                TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UtcNow, 0, artifacts.CompiledPath(test), []));
        }
        return (runnable.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>The run-scoped models among <paramref name="reads"/>, or read through ephemeral ones (none where the engine has no run-scoped catalog).</summary>
    public static IEnumerable<string> Among(Workspace workspace, IEnumerable<string> reads) =>
        workspace.Dag.ReadThroughEphemerals(reads, workspace.Namer.IsRunScoped).Select(n => n.Name);

    /// <summary>The run-scoped models among <paramref name="reads"/> (or read through ephemeral ones) that are not in <paramref name="built"/>.</summary>
    private static IEnumerable<string> Missing(Workspace workspace, IEnumerable<string> reads, HashSet<string> built) =>
        Among(workspace, reads).Where(name => !built.Contains(name));
}
