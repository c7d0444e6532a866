using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner build`: seeds, models and their tests in DAG order; a failed test skips what depends on its model.</summary>
public static class BuildCommand
{
    public static readonly Option<bool> Audit = new("--audit")
        { Description = "Write-audit-publish: build each table and incremental model into staging, test it there, and publish it only if its tests pass" };

    public static Command Create(CliContext context)
    {
        var command = new Command("build", "Load seeds, build models and run their tests in dependency order");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, CommonOptions.FullRefresh, CommonOptions.Empty, CommonOptions.Defer, CommonOptions.EventTimeStart, CommonOptions.EventTimeEnd, CommonOptions.Threads,
                     CommonOptions.FailFast, CommonOptions.NoReuse, CommonOptions.StoreFailures, Audit })
            command.Options.Add(o);
        command.SetAction(parse => RunCommand.Execute(parse, context, RunMode.Build, request => request with
        {
            StoreFailures = parse.GetValue(CommonOptions.StoreFailures),
            Audit = parse.GetValue(Audit),
        }));
        return command;
    }
}
