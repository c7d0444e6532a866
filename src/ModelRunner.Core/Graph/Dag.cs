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

        var ordered = TopologicalOrder(project.Nodes, parents, byName);
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
        return new Dag(ordered, parents.AsReadOnly(), childArrays.AsReadOnly());
    }

    /// <summary>Depth-first order; a back edge is a cycle, reported with its whole path.</summary>
    private static ImmutableArray<ProjectNode> TopologicalOrder(IEnumerable<ProjectNode> nodes,
        IReadOnlyDictionary<string, ImmutableArray<string>> parents, IReadOnlyDictionary<string, ProjectNode> byName)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var result = ImmutableArray.CreateBuilder<ProjectNode>();
        var path = new List<string>();
        foreach (var node in nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (state.ContainsKey(node.Name)) continue;
            // Iterative DFS so a deep DAG cannot overflow the stack.
            var stack = new Stack<(string Name, int Next)>();
            stack.Push((node.Name, 0));
            state[node.Name] = 1;
            path.Add(node.Name);
            while (stack.Count > 0)
            {
                var (name, next) = stack.Pop();
                var ps = parents[name];
                if (next < ps.Length)
                {
                    stack.Push((name, next + 1));
                    var parent = ps[next];
                    if (state.TryGetValue(parent, out var s))
                    {
                        if (s == 1)
                        {
                            var cycle = path.Skip(path.IndexOf(parent)).Append(parent);
                            var n = byName[parent];
                            throw new ProjectException($"dependency cycle: {string.Join(" -> ", cycle)} (each refs the next)", n.RelativePath, 0, 0, n.Name);
                        }
                        continue;
                    }
                    state[parent] = 1;
                    path.Add(parent);
                    stack.Push((parent, 0));
                }
                else
                {
                    state[name] = 2;
                    path.RemoveAt(path.Count - 1);
                    result.Add(byName[name]);
                }
            }
        }
        return result.ToImmutable();
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
