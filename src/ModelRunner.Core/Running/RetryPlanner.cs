using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Running;

/// <summary>
/// `modelrunner retry`, as dbt's: the command the last run_results.json records, run again on the nodes that did not
/// succeed (errors, failed tests, skipped and cancelled nodes), with its other options (target, vars, full refresh …)
/// as they were. A run that failed before any node (an on-run-start hook) is run again whole.
/// </summary>
public static class RetryPlanner
{
    private static readonly HashSet<string> Redo = new(StringComparer.Ordinal) { "error", "fail", "skipped", "cancelled", "runtime error" };
    private static readonly HashSet<string> SelectionOptions = new(StringComparer.Ordinal) { "-s", "--select", "--exclude", "--models", "-m" };

    /// <summary>The arguments to run, or null when the last run left nothing to redo.</summary>
    public static IReadOnlyList<string>? Plan(string targetDirectory)
    {
        if (!File.Exists(Path.Combine(targetDirectory, "run_results.json")))
            throw new ProjectException($"retry reruns the last run, but there is no {Path.Combine(Path.GetFileName(targetDirectory), "run_results.json")} yet");
        var last = LastRunResults.Read(targetDirectory);
        var invocation = last.Invocation;
        if (invocation.Length == 0 || invocation[0] is not ("run" or "build" or "test" or "seed"))
            throw new ProjectException($"retry reruns run, build, test or seed; the last run_results.json is of '{string.Join(' ', invocation)}'");
        var results = last.Results.Select(r => (Id: r.UniqueId, r.Status)).ToList();
        var nodes = results.Where(r => !r.Id.StartsWith("operation.", StringComparison.Ordinal)).ToList();
        var failedHook = results.Any(r => r.Id.StartsWith("operation.", StringComparison.Ordinal) && Redo.Contains(r.Status));
        var redo = nodes.Where(r => Redo.Contains(r.Status)).Select(r => Selector(r.Id)).Distinct().ToList();
        if (redo.Count == 0) return failedHook ? invocation : null;

        var args = new List<string>();
        for (var i = 0; i < invocation.Length; i++)
        {
            if (SelectionOptions.Contains(invocation[i])) { i++; continue; } // the option and its value
            args.Add(invocation[i]);
        }
        args.Add("--select");
        args.Add(string.Join(' ', redo));
        return args;
    }

    /// <summary>How a node is selected again: a model or seed by name, a data or unit test by test_name.</summary>
    private static string Selector(string uniqueId)
    {
        var parts = uniqueId.Split('.');
        return parts[0] switch
        {
            "test" => "test_name:" + string.Join('.', parts[1..]),
            "unit_test" => "test_name:" + parts[^1],
            _ => parts[^1],
        };
    }
}
