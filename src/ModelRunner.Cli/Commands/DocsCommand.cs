using System.CommandLine;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Docs;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner docs generate` and `docs serve`: the project's documentation site with its lineage graph (dbt's).</summary>
public static class DocsCommand
{
    private static readonly Option<bool> Offline = new("--offline")
        { Description = "Do not connect to the target: no column types from the database (catalog.json is not written)" };
    private static readonly Option<int> Port = new("--port") { Description = "Port on localhost (default 8080)", DefaultValueFactory = _ => 8080 };

    public static Command Create(CliContext context)
    {
        var generate = new Command("generate", "Write the docs site (target/index.html) with manifest.json and, when connected, catalog.json");
        generate.Options.Add(Offline);
        generate.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var output = new DocsService().Generate(workspace, parse.GetValue(Offline));
            reporter.Info($"Documented {output.Models} model(s), {output.Seeds} seed(s), {output.Sources} source(s) and {output.Tests} test(s)"
                + (parse.GetValue(Offline) ? " (offline: no column types)" : $"; column types of {output.Typed} relation(s) from the database"));
            reporter.Info($"Site: {Path.GetRelativePath(workspace.Project.RootDirectory, output.IndexPath)} (open it, or run 'modelrunner docs serve')");
            return ExitCodes.Success;
        });

        var serve = new Command("serve", "Serve the docs site written by 'docs generate' on localhost until Ctrl-C");
        serve.Options.Add(Port);
        serve.SetAction(parse =>
        {
            var port = parse.GetValue(Port);
            if (port is < 1 or > 65535) throw new ProjectException($"--port takes a port number from 1 to 65535, not {port}");
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            context.Interrupt.Listen();
            new DocsServer(workspace.Artifacts.TargetDirectory).Serve(port,
                address => { context.Output.WriteLine($"Serving the docs site at {address} (Ctrl-C to stop)"); context.Output.Flush(); },
                context.Interrupt.Token);
            return ExitCodes.Success;
        });

        var command = new Command("docs", "The project's documentation site: every node, its columns and tests, compiled SQL, and a lineage graph");
        command.Subcommands.Add(generate);
        command.Subcommands.Add(serve);
        return command;
    }
}
