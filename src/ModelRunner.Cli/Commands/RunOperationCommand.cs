using System.CommandLine;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner run-operation MACRO --args '{…}'`: run a macro's SQL against the target (admin tasks), as dbt's.</summary>
public static class RunOperationCommand
{
    private static readonly Argument<string> Macro = new("macro") { Description = "The macro to call (a func in macros/)" };
    private static readonly Option<string?> Args = new("--args") { Description = "The macro's arguments by parameter name, as YAML or JSON, e.g. '{role: reporter}'" };

    public static Command Create(CliContext context)
    {
        var command = new Command("run-operation", "Call a macro and run the SQL it returns against the target");
        command.Arguments.Add(Macro);
        command.Options.Add(Args);
        command.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var macro = parse.GetValue(Macro)!;
            var arguments = Workspace.ParseMapping(parse.GetValue(Args), "--args");
            var result = new OperationService().Run(workspace, macro, arguments);
            if (result.Rows is { } rows) ShowCommand.Print(rows, "table", context.Output);
            else context.Output.WriteLine(result.Sql.Length == 0 ? $"{macro}: the macro returned no SQL; nothing ran" : $"{macro}: OK");
            return ExitCodes.Success;
        });
        return command;
    }
}
