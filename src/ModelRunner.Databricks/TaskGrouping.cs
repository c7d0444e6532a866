using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Databricks;

/// <summary>How `workflow export --group-by` puts models into a job's tasks.</summary>
public enum TaskGrouping
{
    /// <summary>One task per model (the default).</summary>
    None,
    /// <summary>One task per level of the DAG: a model's level is one more than its highest built parent's.</summary>
    Level,
    /// <summary>One task per package (the project's own models are one more group).</summary>
    Package,
}

/// <summary>One model of the export: its statements and the built models it waits for.</summary>
public sealed record ExportedModel(string Name, string? Package, IReadOnlyList<string> Statements, IReadOnlyList<string> Parents);

/// <summary>A task of the job: the models it runs, in DAG order, and the tasks it waits for.</summary>
public sealed record TaskGroup(string Key, IReadOnlyList<ExportedModel> Models, IReadOnlyList<string> DependsOn);

/// <summary>
/// Groups the exported models into tasks so that large DAGs stay within Databricks Jobs limits (1,000 tasks per job):
/// a task runs its models one after another in DAG order and waits for the tasks holding their parents.
/// </summary>
public static class TaskGrouper
{
    public const int MaxTasksPerJob = 1000;

    public static IReadOnlyList<TaskGroup> Group(IReadOnlyList<ExportedModel> models, TaskGrouping grouping, string projectName)
    {
        var keyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var model in models) // in DAG order: parents first
        {
            level[model.Name] = model.Parents.Count == 0 ? 0 : model.Parents.Max(p => level[p]) + 1;
            keyOf[model.Name] = grouping switch
            {
                TaskGrouping.Level => $"level_{level[model.Name]:D3}",
                TaskGrouping.Package => model.Package ?? projectName,
                _ => model.Name,
            };
        }
        var groups = models.GroupBy(m => keyOf[m.Name], StringComparer.Ordinal)
            .Select(g => new TaskGroup(g.Key, g.ToList(),
                g.SelectMany(m => m.Parents).Select(p => keyOf[p]).Where(k => k != g.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        RefuseCycles(groups, grouping);
        return groups;
    }

    /// <summary>Packages that read each other both ways cannot be one task each: the job would wait for itself.</summary>
    private static void RefuseCycles(IReadOnlyList<TaskGroup> groups, TaskGrouping grouping)
    {
        var byKey = groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var path = new List<string>();
        void Visit(string key)
        {
            if (state.GetValueOrDefault(key) == 2) return;
            if (state.GetValueOrDefault(key) == 1)
                throw new ProjectException($"--group-by {grouping.ToString().ToLowerInvariant()} makes tasks that wait for each other: "
                    + string.Join(" -> ", path.SkipWhile(k => k != key).Append(key)) + "; use --group-by level");
            state[key] = 1;
            path.Add(key);
            foreach (var dependency in byKey[key].DependsOn) Visit(dependency);
            path.RemoveAt(path.Count - 1);
            state[key] = 2;
        }
        foreach (var group in groups) Visit(group.Key);
    }
}
