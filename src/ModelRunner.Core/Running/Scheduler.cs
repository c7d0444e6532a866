using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

/// <summary>
/// Runs the steps of a plan in dependency order on N workers. A step starts once the parents it has in the plan
/// have succeeded (built, or a test that passed or warned); a failure marks its descendants skipped while
/// independent branches go on, unless fail-fast.
/// </summary>
public sealed class Scheduler(int threads, bool failFast, CancellationToken cancel = default)
{
    public async Task<ImmutableArray<NodeResult>> RunAsync(IReadOnlyList<PlanStep> steps,
        Func<PlanStep, int, NodeResult> execute, Func<PlanStep, string, NodeResult> skip)
    {
        var byKey = steps.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var children = steps.ToDictionary(s => s.Key, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var step in steps)
            foreach (var parent in step.Parents.Where(byKey.ContainsKey).Distinct()) children[parent].Add(step.Key);
        var waitingOn = steps.ToDictionary(s => s.Key, s => s.Parents.Where(byKey.ContainsKey).Distinct().Count(), StringComparer.Ordinal);
        var order = steps.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var ready = new SortedSet<(int, string)>(steps.Where(s => waitingOn[s.Key] == 0).Select(s => (order[s.Key], s.Key)));
        var results = ImmutableArray.CreateBuilder<NodeResult>();
        var running = new Dictionary<Task<NodeResult>, (string Key, int Worker)>();
        var freeWorkers = new Stack<int>(Enumerable.Range(1, Math.Max(1, threads)).Reverse());
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stopped = false;

        IEnumerable<string> Descendants(string key)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(children[key]);
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (!seen.Add(next)) continue;
                yield return next;
                foreach (var child in children[next]) queue.Enqueue(child);
            }
        }

        void Finish(string key, NodeResult result)
        {
            results.Add(result);
            done.Add(key);
            if (result.Succeeded)
            {
                foreach (var child in children[key])
                    if (--waitingOn[child] == 0 && !done.Contains(child)) ready.Add((order[child], child));
                return;
            }
            if (result.Status is NodeStatus.Error or NodeStatus.Fail && failFast) stopped = true;
            foreach (var descendant in Descendants(key).OrderBy(k => order[k]).ToList())
            {
                if (!done.Add(descendant)) continue;
                ready.Remove((order[descendant], descendant));
                results.Add(skip(byKey[descendant], $"skipped: upstream '{result.Name}' did not succeed"));
            }
        }

        while (ready.Count > 0 || running.Count > 0)
        {
            // A cancelled run starts nothing more; what runs is stopped by its session and reported as it ends.
            if (cancel.IsCancellationRequested) stopped = true;
            while (!stopped && ready.Count > 0 && freeWorkers.Count > 0)
            {
                var next = ready.Min;
                ready.Remove(next);
                var step = byKey[next.Item2];
                var worker = freeWorkers.Pop();
                running[Task.Run(() => execute(step, worker))] = (next.Item2, worker);
            }
            if (stopped && running.Count == 0) break;
            if (running.Count == 0) break;
            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var (finishedKey, finishedWorker) = running[finished];
            running.Remove(finished);
            freeWorkers.Push(finishedWorker);
            Finish(finishedKey, await finished.ConfigureAwait(false));
        }
        // Anything never reached is reported as skipped, so every step has a result.
        var reason = cancel.IsCancellationRequested ? "cancelled: the run was interrupted before it started"
            : stopped ? "skipped: the run stopped at the first failure (--fail-fast)" : "skipped: it waits for steps that wait for it (a dependency cycle)";
        foreach (var step in steps.Where(s => !done.Contains(s.Key)))
            results.Add(skip(step, reason));
        return results.ToImmutable();
    }
}
