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
            void Report(int models, string into, string note)
            {
                if (models == 0) reporter.Warning("nothing to do: the selection matched no models");
                else reporter.Info($"Compiled {models} model(s) into {into}{note}");
            }
            var (replay, inputs) = offline ? CompileShortcut.Check(request) : (null, null);
            if (replay is not null)
            {
                foreach (var warning in replay.Warnings) reporter.Warning(warning);
                Report(replay.Models, replay.CompiledPath, " (nothing changed since the last compile)");
                return ExitCodes.Success;
            }
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var compiled = new CompileService().Compile(workspace, request.Select, request.Exclude, request.FullRefresh, offline, request.Window);
            Report(compiled.Length, Path.Combine(workspace.Project.Settings.TargetPath, "compiled"), "");
            if (offline) CompileShortcut.Record(inputs, workspace, compiled.Length);
            return ExitCodes.Success;
        });
        return command;
    }
}
