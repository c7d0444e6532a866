using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner compile`: render every selected model to target/compiled/ without running it.</summary>
public static class CompileCommand
{
    private static readonly Option<bool> Offline = new("--offline")
        { Description = "Do not connect to the target (incremental models render as a first build)" };

    public static Command Create(CliContext context)
    {
        var command = new Command("compile", "Render the selected models into plain SQL under target/compiled/");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, CommonOptions.FullRefresh, Offline, CommonOptions.EventTimeStart, CommonOptions.EventTimeEnd })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var offline = parse.GetValue(Offline);
            var request = new CompileShortcut.Request(CommonOptions.Workspace(parse, context),
                CommonOptions.Selected(parse, CommonOptions.Select), CommonOptions.Selected(parse, CommonOptions.Exclude),
                parse.GetValue(CommonOptions.FullRefresh),
                EventTimeWindow.FromOptions(parse.GetValue(CommonOptions.EventTimeStart), parse.GetValue(CommonOptions.EventTimeEnd)));
            var outcome = new CompileService().CompileOrSkip(request, offline, context.Engines,
                () => CommonOptions.OpenWorkspace(parse, context, reporter));
            foreach (var warning in outcome.ReplayedWarnings) reporter.Warning(warning);
            if (outcome.Models == 0) reporter.Warning("nothing to do: the selection matched no models");
            else reporter.Info($"Compiled {outcome.Models} model(s) into {outcome.CompiledPath}{outcome.Note}");
            return ExitCodes.Success;
        });
        return command;
    }
}
