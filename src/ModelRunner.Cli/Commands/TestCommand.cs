using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner test`: data tests against the target, unit tests offline on in-memory DuckDB.</summary>
public static class TestCommand
{
    public static readonly Option<bool> Unit = new("--unit") { Description = "Run only unit tests (offline, on in-memory DuckDB)" };
    public static readonly Option<bool> Data = new("--data") { Description = "Run only data tests" };

    public static Command Create(CliContext context)
    {
        var command = new Command("test", "Run the data tests and unit tests of the selected models (a test is selected with any model it reads)");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, CommonOptions.Threads, CommonOptions.FailFast, CommonOptions.StoreFailures, Unit, Data })
            command.Options.Add(o);
        command.SetAction(parse => RunCommand.Execute(parse, context, RunMode.Tests, request => request with
        {
            StoreFailures = parse.GetValue(CommonOptions.StoreFailures),
            Tests = Kinds(parse),
        }));
        return command;
    }

    public static TestKinds Kinds(ParseResult parse) => (parse.GetValue(Unit), parse.GetValue(Data)) switch
    {
        (true, false) => TestKinds.Unit,
        (false, true) => TestKinds.Data,
        _ => TestKinds.All,
    };
}
