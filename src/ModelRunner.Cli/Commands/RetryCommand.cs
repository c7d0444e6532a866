using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner retry`: the last run, again, on what did not succeed (dbt's retry).</summary>
public static class RetryCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("retry", "Run the last run, build, test or seed again on the nodes that failed or were skipped");
        command.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var args = RetryPlanner.Plan(workspace.Artifacts.TargetDirectory);
            if (args is null)
            {
                context.Output.WriteLine("retry: the last run left nothing to redo (every node succeeded)");
                return ExitCodes.Success;
            }
            // Run from the same project as the retry, whatever folder the first run was started from.
            if (!args.Contains("--project-dir")) args = [.. args, "--project-dir", workspace.Project.RootDirectory];
            context.Output.WriteLine($"retry: modelrunner {string.Join(' ', args.Select(a => a.Contains(' ') ? $"'{a}'" : a))}");
            return CliApp.Run(args.ToArray(), context.Output, context.Error, context.Environment);
        });
        return command;
    }
}
