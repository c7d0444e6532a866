using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Json;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;

namespace ModelRunner.Databricks;

/// <summary>One SQL task of the exported job: the model (or hook) it runs, its SQL file and the tasks it waits for.</summary>
public sealed record WorkflowTask(string Key, string SqlFile, IReadOnlyList<string> DependsOn);

/// <summary>
/// Exports a run as a Databricks job: one sql_task per model, depends_on mirroring the DAG (ephemeral models are
/// inlined, so a task waits for their nearest built ancestors), on-run-start first and on-run-end last. What
/// `modelrunner run` decides at run time is decided in SQL here, by the materializations' own plans (see
/// <see cref="TargetState.DecidedAtRunTime"/>), so the same file serves the first run and every later one. Writes job.json (Jobs API 2.2) and a Databricks Asset Bundle
/// (databricks.yml and sql/*.sql).
/// </summary>
public sealed class WorkflowExporter(Workspace workspace, MaterializationRegistry materializations)
{
    public const string RunStartKey = "on_run_start";
    public const string RunEndKey = "on_run_end";

    public IReadOnlyList<WorkflowTask> Export(string outputDirectory, IReadOnlyList<string> select, IReadOnlyList<string> exclude,
        TaskGrouping grouping = TaskGrouping.None)
    {
        var dialect = workspace.EngineFactory.Dialect as DatabricksDialect
            ?? throw new ProjectException($"workflow export writes Databricks jobs; target '{workspace.Target.Name}' is {workspace.Target.Type} (use --target with a databricks target)");
        var nodes = workspace.Select(select, exclude).Where(n => n.Kind == NodeKind.Model).ToList();
        var first = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll(nodes);
        var incremental = workspace.CreateCompiler(RelationCatalog.FromLister((_, _) => nodes.ToDictionary(
            n => workspace.Namer.RelationOf(n).Identifier, _ => RelationKind.Table)), fullRefresh: false)
            .CompileAll(nodes.Where(n => n.Config.Materialized == "incremental").ToList())
            .ToDictionary(c => c.Node.Name);
        var compiler = workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false);

        var sqlDirectory = Path.Combine(outputDirectory, "sql");
        Directory.CreateDirectory(sqlDirectory);
        var tasks = new List<WorkflowTask>();
        void Write(string key, IEnumerable<string> statements, IReadOnlyList<string> dependsOn)
        {
            var file = Path.Combine("sql", key + ".sql");
            File.WriteAllText(Path.Combine(outputDirectory, file), string.Join(";\n\n", statements) + ";\n");
            tasks.Add(new WorkflowTask(key, file.Replace('\\', '/'), dependsOn));
        }

        var project = workspace.Project;
        var built = first.Where(c => !c.Node.IsEphemeral).ToList();
        var keys = built.Select(c => c.Node.Name).ToHashSet(StringComparer.Ordinal);
        // The first task creates the schemas and runs on-run-start, as a run does before any model.
        var startDeps = new[] { RunStartKey };
        Write(RunStartKey, built.Select(c => dialect.CreateSchema(c.Relation.Database, c.Relation.Schema)).Distinct()
            .Concat(project.RunStartHooks.Select(h => compiler.RenderProjectHook(h)).Where(h => !HookStatements.IsEmpty(h))), []);
        var exported = built.Select(node => new ExportedModel(node.Node.Name, node.Node.Package,
            Statements(node, incremental.GetValueOrDefault(node.Node.Name), dialect).ToList(), BuiltParents(node.Node.Name, keys).ToList())).ToList();
        var groups = TaskGrouper.Group(exported, grouping, project.Settings.Name);
        if (groups.Count + 2 > TaskGrouper.MaxTasksPerJob)
            throw new ProjectException($"{groups.Count} model tasks exceed a Databricks job's {TaskGrouper.MaxTasksPerJob} tasks: "
                + "export with --group-by level (one task per DAG level) or --group-by package");
        foreach (var group in groups)
            Write(group.Key, grouping == TaskGrouping.None ? group.Models[0].Statements
                    : group.Models.SelectMany(m => m.Statements.Select((s, i) => i == 0 ? $"-- model {m.Name}\n{s}" : s)),
                group.DependsOn.Concat(startDeps).ToList());
        var taskKeys = groups.Select(g => g.Key).ToList();
        // The end task runs when every model task succeeded (Databricks' default run_if): results say so. Hooks that render
        // to nothing are left out, as a run skips them; with none left there is no end task.
        var results = built.Select(c => new NodeResult(c.Node.UniqueId, c.Node.Name, c.Node.Config.Materialized, c.Relation.ToString(),
            NodeStatus.Success, null, "", TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UtcNow, 0, null, []));
        var runEnd = project.RunEndHooks.Select(h => compiler.RenderProjectHook(h, results)).Where(h => !HookStatements.IsEmpty(h)).ToList();
        if (runEnd.Count > 0) Write(RunEndKey, runEnd, taskKeys.Order(StringComparer.Ordinal).ToList());
        WriteJob(outputDirectory, tasks);
        return tasks;
    }

    /// <summary>
    /// A model's statements: its hooks around the plan its materialization makes for a relation whose state is decided
    /// at run time, the same plan the runner executes, so the file itself serves the first run and every later one.
    /// </summary>
    private IEnumerable<string> Statements(CompiledNode node, CompiledNode? incremental, DatabricksDialect dialect)
    {
        var materialization = materializations.Get(node.Node.Config.Materialized, node.Node.RelativePath, node.Node.Name);
        var plan = materialization.Plan(new PlanContext(node, dialect, workspace.EngineFactory.Capabilities, TargetState.DecidedAtRunTime,
            WhenTableExists: incremental));
        return node.PreHooks.Concat(plan.Script()).Concat((incremental ?? node).PostHooks);
    }

    /// <summary>The nearest built (non-ephemeral) ancestors of a node.</summary>
    private IEnumerable<string> BuiltParents(string name, IReadOnlySet<string> built)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(workspace.Dag.Parents[name]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            if (!seen.Add(parent)) continue;
            if (built.Contains(parent)) found.Add(parent);
            else if (workspace.Dag.ByName[parent].IsEphemeral) foreach (var p in workspace.Dag.Parents[parent]) queue.Enqueue(p);
        }
        return found;
    }

    private void WriteJob(string outputDirectory, IReadOnlyList<WorkflowTask> tasks)
    {
        var name = $"modelrunner-{workspace.Project.Settings.Name}";
        object Task(WorkflowTask t, string path, string source, string warehouse) => new Dictionary<string, object>
        {
            ["task_key"] = t.Key,
            ["depends_on"] = t.DependsOn.Select(d => new Dictionary<string, string> { ["task_key"] = d }).ToList(),
            ["sql_task"] = new Dictionary<string, object>
            {
                ["warehouse_id"] = warehouse,
                ["file"] = new Dictionary<string, string> { ["path"] = path, ["source"] = source },
            },
        };
        // Jobs API 2.2 (POST /api/2.2/jobs/create): files in the workspace, under the path the bundle deploys them to.
        var job = new Dictionary<string, object>
        {
            ["name"] = name,
            ["max_concurrent_runs"] = 1, // two runs on one target never overlap
            ["tasks"] = tasks.Select(t => Task(t, "${workspace.file_path}/" + t.SqlFile, "WORKSPACE", "${var.warehouse_id}")).ToList(),
        };
        File.WriteAllText(Path.Combine(outputDirectory, "job.json"), PlainJson.Serialize(job, indented: true));
        // The bundle: databricks.yml (JSON is YAML) with the job as a resource and the SQL files beside it.
        var bundle = new Dictionary<string, object>
        {
            ["bundle"] = new Dictionary<string, string> { ["name"] = name },
            ["variables"] = new Dictionary<string, object>
            {
                ["warehouse_id"] = new Dictionary<string, string> { ["description"] = "The SQL warehouse the tasks run on" },
            },
            ["resources"] = new Dictionary<string, object>
            {
                ["jobs"] = new Dictionary<string, object>
                {
                    [workspace.Project.Settings.Name] = new Dictionary<string, object>
                    {
                        ["name"] = name,
                        ["max_concurrent_runs"] = 1,
                        ["tasks"] = tasks.Select(t => Task(t, "./" + t.SqlFile, "WORKSPACE", "${var.warehouse_id}")).ToList(),
                    },
                },
            },
        };
        File.WriteAllText(Path.Combine(outputDirectory, "databricks.yml"), PlainJson.Serialize(bundle, indented: true));
    }
}
