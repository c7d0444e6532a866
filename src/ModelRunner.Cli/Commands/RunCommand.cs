using System.CommandLine;
using ModelRunner.Cli.Reporting;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner run`: build the selected models in DAG order.</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("run", "Build the selected models (views, tables, incremental) in dependency order");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, CommonOptions.FullRefresh, CommonOptions.Empty, CommonOptions.Defer, CommonOptions.EventTimeStart, CommonOptions.EventTimeEnd, CommonOptions.Threads, CommonOptions.FailFast, CommonOptions.NoReuse })
            command.Options.Add(o);
        command.SetAction(parse => Execute(parse, context, RunMode.Models));
        return command;
    }

    public static int Execute(ParseResult parse, CliContext context, RunMode mode, Func<RunRequest, RunRequest>? adjust = null)
    {
        var reporter = Reporter(parse, context);
        var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
        var request = new RunRequest(
            CommonOptions.Selected(parse, CommonOptions.Select),
            CommonOptions.Selected(parse, CommonOptions.Exclude),
            parse.CommandResult.Command.Options.Contains(CommonOptions.FullRefresh) && parse.GetValue(CommonOptions.FullRefresh),
            parse.GetValue(CommonOptions.Threads),
            parse.GetValue(CommonOptions.FailFast),
            mode,
            context.Arguments)
        {
            Cancel = context.Interrupt.Token,
            Empty = parse.CommandResult.Command.Options.Contains(CommonOptions.Empty) && parse.GetValue(CommonOptions.Empty),
            Defer = parse.CommandResult.Command.Options.Contains(CommonOptions.Defer) && parse.GetValue(CommonOptions.Defer),
            Reuse = !(parse.CommandResult.Command.Options.Contains(CommonOptions.NoReuse) && parse.GetValue(CommonOptions.NoReuse)),
            Window = parse.CommandResult.Command.Options.Contains(CommonOptions.EventTimeStart)
                ? EventTimeWindow.FromOptions(parse.GetValue(CommonOptions.EventTimeStart), parse.GetValue(CommonOptions.EventTimeEnd)) : null,
        };
        if (adjust is not null) request = adjust(request);
        context.Interrupt.Listen();
        var results = new RunService(MaterializationRegistry.Default(), context.Offline).Run(workspace, request, reporter);
        // Interrupted: 130 after Ctrl-C (SIGINT), 143 after SIGTERM, as shells report a process a signal ended.
        if (results.Cancelled || context.Interrupt.Token.IsCancellationRequested) return context.Interrupt.ExitCode;
        return results.Failed ? ExitCodes.NodeFailed : ExitCodes.Success;
    }

    public static IRunReporter Reporter(ParseResult parse, CliContext context) =>
        parse.GetValue(CommonOptions.LogFormat) == "json"
            ? new JsonReporter(context.Output)
            : new TextReporter(context.Output, context.Error);
}
