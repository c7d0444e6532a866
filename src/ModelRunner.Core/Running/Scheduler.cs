using System.Collections.Immutable;
using ModelRunner.Core.Graph;

namespace ModelRunner.Core.Running;

/// <summary>
/// Runs selected nodes in dependency order on N workers. A node starts once its selected parents have
/// succeeded; a failure marks its descendants skipped while independent branches go on, unless fail-fast.
/// </summary>
public sealed class Scheduler(Dag dag, int threads, bool failFast)
{
    public async Task<ImmutableArray<NodeResult>> RunAsync(IReadOnlyList<CompiledNode> nodes,
        Func<CompiledNode, int, NodeResult> execute, Func<CompiledNode, string, NodeResult> skip)
    {
        var selected = nodes.ToDictionary(n => n.Node.Name, StringComparer.Ordinal);
        var waitingOn = nodes.ToDictionary(n => n.Node.Name,
            n => dag.Parents[n.Node.Name].Count(selected.ContainsKey), StringComparer.Ordinal);
        var order = nodes.Select((n, i) => (n.Node.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var ready = new SortedSet<(int, string)>(nodes.Where(n => waitingOn[n.Node.Name] == 0).Select(n => (order[n.Node.Name], n.Node.Name)));
        var results = ImmutableArray.CreateBuilder<NodeResult>();
        var running = new Dictionary<Task<NodeResult>, string>();
        var freeWorkers = new Stack<int>(Enumerable.Range(1, Math.Max(1, threads)).Reverse());
        var workerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stopped = false;

        void Finish(NodeResult result)
        {
            results.Add(result);
            done.Add(result.Name);
            if (result.Status == Core.Running.NodeStatus.Success)
            {
                foreach (var child in dag.Children[result.Name].Where(selected.ContainsKey))
                    if (--waitingOn[child] == 0 && !done.Contains(child)) ready.Add((order[child], child));
                return;
            }
            if (result.Status == Core.Running.NodeStatus.Error && failFast) stopped = true;
            foreach (var descendant in dag.Descendants(result.Name).Where(selected.ContainsKey).OrderBy(n => order[n]))
            {
                if (!done.Add(descendant)) continue;
                ready.Remove((order[descendant], descendant));
                results.Add(skip(selected[descendant], $"skipped: upstream '{result.Name}' did not succeed"));
            }
        }

        while (ready.Count > 0 || running.Count > 0)
        {
            while (!stopped && ready.Count > 0 && freeWorkers.Count > 0)
            {
                var next = ready.Min;
                ready.Remove(next);
                var node = selected[next.Item2];
                var worker = freeWorkers.Pop();
                workerOf[next.Item2] = worker;
                running[Task.Run(() => execute(node, worker))] = next.Item2;
            }
            if (stopped && running.Count == 0)
            {
                foreach (var (_, name) in ready.ToList())
                    if (done.Add(name)) results.Add(skip(selected[name], "skipped: the run stopped at the first failure (--fail-fast)"));
                ready.Clear();
                break;
            }
            if (running.Count == 0) break;
            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var finishedName = running[finished];
            running.Remove(finished);
            freeWorkers.Push(workerOf[finishedName]);
            Finish(await finished.ConfigureAwait(false));
        }
        // Anything never reached (fail-fast) is reported as skipped too, so every selected node has a result.
        foreach (var node in nodes.Where(n => !done.Contains(n.Node.Name)))
            results.Add(skip(node, "skipped: the run stopped at the first failure (--fail-fast)"));
        return results.ToImmutable();
    }
}
