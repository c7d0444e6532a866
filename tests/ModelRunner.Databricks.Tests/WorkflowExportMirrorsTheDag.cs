using System.Text.Json;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.TestSupport;

namespace ModelRunner.Databricks.Tests;

/// <summary>`workflow export`: a Databricks job whose tasks are the models, depending on each other as the DAG says.</summary>
public class WorkflowExportMirrorsTheDag : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("mr-workflow-").FullName;

    private Workspace Export(TaskGrouping grouping = TaskGrouping.None)
    {
        var workspace = Workspace.Open(new WorkspaceOptions(SharedData.RepositoryRoot, null, "databricks", null, new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, PartialParse: false), new EngineRegistry([new DuckDbEngineFactory(), new DatabricksEngineFactory()]));
        new WorkflowExporter(workspace, MaterializationRegistry.Default()).Export(_output, [], [], grouping);
        return workspace;
    }

    private static Dictionary<string, (string File, HashSet<string> DependsOn)> Tasks(JsonElement tasks) =>
        tasks.EnumerateArray().ToDictionary(
            t => t.GetProperty("task_key").GetString()!,
            t => (t.GetProperty("sql_task").GetProperty("file").GetProperty("path").GetString()!,
                t.GetProperty("depends_on").EnumerateArray().Select(d => d.GetProperty("task_key").GetString()!).ToHashSet()));

    [Fact]
    public void Every_built_model_is_a_task_that_waits_for_its_parents()
    {
        var workspace = Export();
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "job.json")));
        var tasks = Tasks(job.RootElement.GetProperty("tasks"));
        var built = workspace.Project.Nodes.Where(n => n.Kind == Core.Project.NodeKind.Model && !n.IsEphemeral).Select(n => n.Name).ToHashSet();
        Assert.Equal(built.Append(WorkflowExporter.RunStartKey).Append(WorkflowExporter.RunEndKey).Order(), tasks.Keys.Order());
        foreach (var model in built)
        {
            Assert.Contains(WorkflowExporter.RunStartKey, tasks[model].DependsOn);
            foreach (var parent in workspace.Dag.Parents[model].Where(built.Contains))
                Assert.True(tasks[model].DependsOn.Contains(parent), $"{model} must wait for {parent}");
        }
        // stg_orders is ephemeral (inlined): customers waits for what it reads, example_orders.
        Assert.Contains("example_orders", tasks["customers"].DependsOn);
        Assert.Equal(built, tasks[WorkflowExporter.RunEndKey].DependsOn);
        Assert.Equal(1, job.RootElement.GetProperty("max_concurrent_runs").GetInt32());
    }

    [Fact]
    public void The_web_and_mobile_packages_are_tasks_with_their_manifest_hooks_first_and_last()
    {
        Export();
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "job.json")));
        var tasks = Tasks(job.RootElement.GetProperty("tasks"));
        foreach (var model in new[] { "snowplow_web_sessions", "snowplow_mobile_screen_views", "snowplow_mobile_sessions", "snowplow_mobile_users" })
            Assert.True(tasks.ContainsKey(model), $"{model} is not a task");
        Assert.Contains("snowplow_mobile_user_mapping", tasks["snowplow_mobile_sessions"].DependsOn); // its stitching post-hook reads it
        var start = File.ReadAllText(Path.Combine(_output, "sql", WorkflowExporter.RunStartKey + ".sql"));
        var end = File.ReadAllText(Path.Combine(_output, "sql", WorkflowExporter.RunEndKey + ".sql"));
        foreach (var package in new[] { "snowplow_web", "snowplow_mobile" })
        {
            Assert.Contains($"`{package}_incremental_manifest`", start + end);
            Assert.Contains($"merge into `main`.`analytics_snowplow_manifest`.`{package}_incremental_manifest`", end);
        }
        Assert.Contains("'snowplow_mobile_screen_views' as model", end);
        // The run-start manifest hooks have nothing to remove: they render to nothing and are left out, as a run skips them.
        Assert.DoesNotContain("delete from", start);
        Assert.DoesNotContain("select 1", start);
        Assert.DoesNotContain(";\n\n;", start);
        Assert.StartsWith("create schema if not exists", start);
        Assert.DoesNotContain("'snowplow_web_page_views' as model union all select 'snowplow_mobile", end); // one merge per package
    }

    [Fact]
    public void An_incremental_task_is_the_plan_its_materialization_makes_for_a_table_known_only_at_run_time()
    {
        Export();
        // snowplow_web_sessions: delete+insert on session_id, as the runner applies it, but decided in SQL.
        var sql = File.ReadAllText(Path.Combine(_output, "sql", "snowplow_web_sessions.sql"));
        Assert.Contains("`snowplow_web_sessions__mr_existed`", sql);
        Assert.Contains("create table if not exists `main`.`analytics_derived`.`snowplow_web_sessions` using delta", sql);
        Assert.Contains("where (select existed from `main`.`analytics_derived`.`snowplow_web_sessions__mr_existed`) > 0", sql);
        Assert.Contains("when matched then delete", sql);
        Assert.Contains("on false\nwhen not matched then insert *", sql);
        Assert.DoesNotContain("insert into `main`.`analytics_derived`.`snowplow_web_sessions` select *", sql); // never positional
    }

    [Fact]
    public void Grouped_by_level_each_model_runs_once_after_every_parent()
    {
        var workspace = Export(TaskGrouping.Level);
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "job.json")));
        var tasks = Tasks(job.RootElement.GetProperty("tasks"));
        var built = workspace.Project.Nodes.Where(n => n.Kind == Core.Project.NodeKind.Model && !n.IsEphemeral).Select(n => n.Name).ToList();
        Assert.True(tasks.Count < built.Count / 3, $"{tasks.Count} tasks for {built.Count} models");
        var taskOf = new Dictionary<string, string>();
        foreach (var (key, task) in tasks.Where(t => t.Key.StartsWith("level_", StringComparison.Ordinal)))
            foreach (var line in File.ReadAllLines(Path.Combine(_output, "sql", key + ".sql")).Where(l => l.StartsWith("-- model ", StringComparison.Ordinal)))
                taskOf.Add(line["-- model ".Length..], key); // Add: a model in two tasks would throw
        foreach (var (key, task) in tasks.Where(t => t.Key.StartsWith("level_", StringComparison.Ordinal) && !File.ReadAllText(Path.Combine(_output, "sql", t.Key + ".sql")).Contains("-- model ")))
            Assert.Fail($"{key} names no model");
        foreach (var model in built.Where(taskOf.ContainsKey))
            foreach (var parent in workspace.Dag.Parents[model].Where(taskOf.ContainsKey))
                Assert.True(string.CompareOrdinal(taskOf[parent], taskOf[model]) < 0, $"{model} ({taskOf[model]}) runs before its parent {parent} ({taskOf[parent]})");
    }

    [Fact]
    public void Grouped_by_package_the_media_module_waits_for_web()
    {
        Export(TaskGrouping.Package);
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "job.json")));
        var tasks = Tasks(job.RootElement.GetProperty("tasks"));
        Assert.Contains("snowplow_web", tasks["snowplow_media_player"].DependsOn);
        Assert.DoesNotContain("snowplow_mobile", tasks["snowplow_web"].DependsOn);
        Assert.Contains("merge into `main`.`analytics_snowplow_manifest`.`snowplow_web_incremental_manifest`",
            File.ReadAllText(Path.Combine(_output, "sql", WorkflowExporter.RunEndKey + ".sql")));
    }

    [Fact]
    public void Packages_reading_each_other_both_ways_cannot_be_one_task_each()
    {
        var models = new[]
        {
            new ExportedModel("a1", "a", ["select 1"], []),
            new ExportedModel("b1", "b", ["select 1"], ["a1"]),
            new ExportedModel("a2", "a", ["select 1"], ["b1"]),
        };
        var error = Assert.Throws<Core.Diagnostics.ProjectException>(() => TaskGrouper.Group(models, TaskGrouping.Package, "p"));
        Assert.Contains("a -> b -> a", error.Message);
        Assert.Contains("use --group-by level", error.Message);
        Assert.Equal(3, TaskGrouper.Group(models, TaskGrouping.Level, "p").Count);
    }

    [Fact]
    public void The_bundle_holds_the_same_tasks_and_every_sql_file_exists()
    {
        Export();
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "job.json")));
        using var bundle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "databricks.yml")));
        var jobTasks = Tasks(job.RootElement.GetProperty("tasks"));
        var bundleTasks = Tasks(bundle.RootElement.GetProperty("resources").GetProperty("jobs").EnumerateObject().Single().Value.GetProperty("tasks"));
        Assert.Equal(jobTasks.Keys.Order(), bundleTasks.Keys.Order());
        foreach (var (key, task) in bundleTasks)
        {
            Assert.True(File.Exists(Path.Combine(_output, task.File)), $"{key}: {task.File} is missing");
            Assert.Equal(jobTasks[key].DependsOn, task.DependsOn);
        }
    }

    [SkippableFact]
    public void Every_task_file_parses_as_spark_sql()
    {
        Skip.IfNot(SparkSqlChecker.Installed, SparkSqlChecker.MissingReason);
        Export();
        var checkable = Path.Combine(_output, "checked");
        Directory.CreateDirectory(checkable);
        var files = Directory.GetFiles(Path.Combine(_output, "sql")).Select(f =>
        {
            var copy = Path.Combine(checkable, Path.GetFileName(f));
            File.WriteAllText(copy, DatabricksOnly.Strip(File.ReadAllText(f)));
            return copy;
        }).ToList();
        var errors = SparkSqlChecker.Errors(files);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
