using System.CommandLine;
using ModelRunner.Core.Materializations;
using ModelRunner.Databricks;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner workflow export`: the run as a Databricks job (Jobs API 2.2 JSON) and asset bundle.</summary>
public static class WorkflowCommand
{
    private static readonly Option<string> Output = new("--output", "-o")
        { Description = "Folder to write job.json, databricks.yml and sql/ into", DefaultValueFactory = _ => "target/workflow" };
    private static readonly Option<string> GroupBy = new("--group-by")
        { Description = "Tasks: one per model (none, default), per DAG level (level) or per package (package); a job holds at most 1,000", DefaultValueFactory = _ => "none" };

    public static Command Create(CliContext context)
    {
        var export = new Command("export", "Write the selected models as a Databricks job: one SQL task per model, depending as the DAG does");
        GroupBy.AcceptOnlyFromAmong("none", "level", "package");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, Output, GroupBy }) export.Options.Add(o);
        export.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var output = CommonOptions.OutputFolder(parse.GetValue(Output)!, "--output", workspace.Project.RootDirectory);
            var tasks = new WorkflowExporter(workspace, MaterializationRegistry.Default()).Export(output,
                CommonOptions.Selected(parse, CommonOptions.Select), CommonOptions.Selected(parse, CommonOptions.Exclude),
                Enum.Parse<TaskGrouping>(parse.GetValue(GroupBy)!, ignoreCase: true));
            reporter.Info($"Exported {tasks.Count} SQL task(s) to {output}: job.json (Jobs API 2.2) and databricks.yml (asset bundle; `databricks bundle deploy --var warehouse_id=…`)");
            return ExitCodes.Success;
        });
        var command = new Command("workflow", "Scheduling on Databricks");
        command.Subcommands.Add(export);
        return command;
    }
}
