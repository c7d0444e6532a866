using System.Collections.ObjectModel;
using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Graph;

/// <summary>The dependency graph of the project's nodes, built from refs; nodes in a topological order.</summary>
public sealed class Dag
{
    private Dag(ImmutableArray<ProjectNode> ordered, ReadOnlyDictionary<string, ImmutableArray<string>> parents,
        ReadOnlyDictionary<string, ImmutableArray<string>> children)
    {
        Ordered = ordered;
        Parents = parents;
        Children = children;
        ByName = ordered.ToDictionary(n => n.Name, StringComparer.Ordinal).AsReadOnly();
    }

    /// <summary>Every node, each after all of its parents.</summary>
    public ImmutableArray<ProjectNode> Ordered { get; }
    // Read-only views over dictionaries nobody else holds: immutable in effect, and far cheaper to build for
    // 10,000 nodes than ImmutableDictionary (a tree) or FrozenDictionary (tuned at construction).
    public ReadOnlyDictionary<string, ImmutableArray<string>> Parents { get; }
    public ReadOnlyDictionary<string, ImmutableArray<string>> Children { get; }
    public ReadOnlyDictionary<string, ProjectNode> ByName { get; }

    public static Dag Build(ProjectModel project)
    {
        var byName = project.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var sources = project.Sources.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        var parents = new Dictionary<string, ImmutableArray<string>>(byName.Count, StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var node in project.Nodes)
        {
            names.Clear();
            foreach (var r in node.Refs)
            {
                if (byName.ContainsKey(r.Name))
                {
                    if (!names.Contains(r.Name)) names.Add(r.Name);
                    continue;
                }
                errors.Add(new Diagnostic(project.DisabledNames.Contains(r.Name)
                    ? $"'{node.Name}' refers to '{r.Name}', which is disabled (enabled: false)"
                    : $"'{node.Name}' refers to '{r.Name}', which is not a model or seed of this project."
                      + Suggestions.DidYouMean(r.Name, byName.Keys), r.File, r.Line, r.Column, node.Name));
            }
            foreach (var s in node.Sources)
            {
                var source = sources.GetValueOrDefault(s.Name);
                if (source is null)
                    errors.Add(new Diagnostic($"unknown source '{s.Name}'.{Suggestions.DidYouMean(s.Name, project.Sources.Select(d => d.Name))}"
                        + " Declare it under sources: in models.yml or a property file.", s.File, s.Line, s.Column, node.Name));
                else if (source.Tables.All(t => t.Name != s.Table))
                    errors.Add(new Diagnostic($"source '{s.Name}' has no table '{s.Table}'.{Suggestions.DidYouMean(s.Table!, source.Tables.Select(t => t.Name))}",
                        s.File, s.Line, s.Column, node.Name));
            }
            names.Sort(StringComparer.Ordinal);
            parents[node.Name] = names.ToImmutableArray();
        }
        if (errors.Count > 0) throw new ProjectException(errors);

        var ordered = TopologicalOrder(project.Nodes, parents);
        var children = new Dictionary<string, List<string>>(byName.Count, StringComparer.Ordinal);
        foreach (var node in project.Nodes) children[node.Name] = new List<string>();
        foreach (var (child, ps) in parents)
            foreach (var p in ps) children[p].Add(child);
        var childArrays = new Dictionary<string, ImmutableArray<string>>(byName.Count, StringComparer.Ordinal);
        foreach (var (name, list) in children)
        {
            list.Sort(StringComparer.Ordinal);
            childArrays[name] = list.ToImmutableArray();
        }
        var dag = new Dag(ordered, parents.AsReadOnly(), childArrays.AsReadOnly());
        var viewErrors = ViewsReadingRunScoped(dag).ToList();
        if (viewErrors.Count > 0) throw new ProjectException(viewErrors);
        return dag;
    }

    /// <summary>
    /// The nodes <paramref name="reads"/> name that <paramref name="match"/>, and those read through ephemeral models (which
    /// are inlined where they are read); the walk stops at a match.
    /// </summary>
    public IEnumerable<ProjectNode> ReadThroughEphemerals(IEnumerable<string> reads, Func<ProjectNode, bool> match)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(reads);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || !ByName.TryGetValue(name, out var node)) continue;
            if (match(node)) yield return node;
            else if (node.IsEphemeral)
                foreach (var parent in Parents[name]) pending.Push(parent);
        }
    }

    /// <summary>
    /// A view reading a run-scoped table (itself or through ephemeral models) would be left reading a table that is gone
    /// once the run ends: refused on every engine, so a project that runs on Databricks runs on DuckDB too.
    /// </summary>
    private static IEnumerable<Diagnostic> ViewsReadingRunScoped(Dag dag)
    {
        if (!dag.Ordered.Any(n => n.Config.RunScoped)) yield break;
        foreach (var view in dag.Ordered.Where(n => n.Kind == NodeKind.Model && n.Config.Materialized == "view"))
            foreach (var r in view.Refs)
                if (dag.ReadThroughEphemerals([r.Name], n => n.Config.RunScoped).FirstOrDefault() is { } read)
                    yield return new Diagnostic($"view '{view.Name}' reads '{read.Name}', which is run_scoped (its table is gone once the run that "
                        + "builds it ends): make the view a table, or the model it reads not run-scoped", r.File, r.Line, r.Column, view.Name);
    }

    /// <summary>Depth-first order; a back edge is a cycle, reported with its whole path.</summary>
    private static ImmutableArray<ProjectNode> TopologicalOrder(IEnumerable<ProjectNode> nodes,
        IReadOnlyDictionary<string, ImmutableArray<string>> parents)
    {
        // Nodes by index, parents as indexes: the walk then never hashes a name (10,000 nodes: most of its time).
        var sorted = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++) index[sorted[i].Name] = i;
        var parentIndexes = sorted.Select(n => parents[n.Name].Select(p => index[p]).ToArray()).ToArray();
        var state = new byte[sorted.Length]; // 0 new, 1 visiting, 2 done
        var result = ImmutableArray.CreateBuilder<ProjectNode>(sorted.Length);
        var path = new List<int>();
        var stack = new Stack<(int Node, int Next)>();
        for (var start = 0; start < sorted.Length; start++)
        {
            if (state[start] != 0) continue;
            // Iterative DFS so a deep DAG cannot overflow the stack.
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var ps = parentIndexes[node];
                if (next < ps.Length)
                {
                    stack.Push((node, next + 1));
                    var parent = ps[next];
                    if (state[parent] == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(parent)).Append(parent).Select(k => sorted[k].Name);
                        var n = sorted[parent];
                        throw new ProjectException($"dependency cycle: {string.Join(" -> ", cycle)} (each refs the next)", n.RelativePath, 0, 0, n.Name);
                    }
                    if (state[parent] == 2) continue;
                    state[parent] = 1;
                    path.Add(parent);
                    stack.Push((parent, 0));
                }
                else
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    result.Add(sorted[node]);
                }
            }
        }
        return result.MoveToImmutable();
    }

    public IEnumerable<string> Ancestors(string name, int? depth = null) => Walk(name, Parents, depth);
    public IEnumerable<string> Descendants(string name, int? depth = null) => Walk(name, Children, depth);

    private static IEnumerable<string> Walk(string start, IReadOnlyDictionary<string, ImmutableArray<string>> edges, int? depth)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var frontier = new List<string> { start };
        for (var level = 0; frontier.Count > 0 && (depth is null || level < depth); level++)
        {
            var next = new List<string>();
            foreach (var n in frontier)
                foreach (var e in edges[n])
                    if (seen.Add(e)) { next.Add(e); yield return e; }
            frontier = next;
        }
    }
}
