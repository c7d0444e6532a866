using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner seed`: load the CSV files of the seed paths into tables.</summary>
public static class SeedCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("seed", "Load CSV files from the seed paths into tables (column types from column_types config)");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, CommonOptions.FullRefresh, CommonOptions.Threads, CommonOptions.FailFast })
            command.Options.Add(o);
        command.SetAction(parse => RunCommand.Execute(parse, context, RunMode.Seeds));
        return command;
    }
}
