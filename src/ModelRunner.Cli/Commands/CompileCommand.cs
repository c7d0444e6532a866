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
            var check = offline ? CompileShortcut.Check(request) : new CompileShortcut.Outcome(null, null, null);
            if (check.Replay is { } replay)
            {
                foreach (var warning in replay.Warnings) reporter.Warning(warning);
                Report(replay.Models, replay.CompiledPath, " (nothing changed since the last compile)");
                return ExitCodes.Success;
            }
            if (check is { Edited: { } edited, Inputs: { } inputs } && IncrementalCompile.TryCompile(request, edited, context.Engines) is { } result)
            {
                CompileShortcut.RecordEdited(request, inputs, edited, result.Written, result.Layout);
                foreach (var warning in edited.Last.Warnings) reporter.Warning(warning);
                Report(edited.Last.Models, result.CompiledPath, $" (only {edited.Files.Length} edited model(s) rendered: nothing else changed since the last compile)");
                return ExitCodes.Success;
            }
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var compiled = new CompileService().CompileWithTests(workspace, request.Select, request.Exclude, request.FullRefresh, offline, request.Window);
            Report(compiled.Models.Length, Path.Combine(workspace.Project.Settings.TargetPath, "compiled"), "");
            if (offline) CompileShortcut.Record(check.Inputs, workspace, compiled.Models.Length, compiled.Layout);
            return ExitCodes.Success;
        });
        return command;
    }
}
