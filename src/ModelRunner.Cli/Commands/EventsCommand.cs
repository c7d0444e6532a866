using System.CommandLine;
using ModelRunner.Core.Engines;
using ModelRunner.Events;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner events load`: Snowplow events from files into atomic.events.</summary>
public static class EventsCommand
{
    private static readonly Option<string> Format = new("--format")
        { Description = "Input format: tsv (Snowplow enriched TSV) or snowplow-csv (flattened CSV with JSON columns)", Required = true };
    private static readonly Option<string?> Rejects = new("--rejects") { Description = "Folder for reject files (default: <target-path>/rejects)" };
    private static readonly Argument<string[]> Paths = new("paths") { Description = "Files to load", Arity = ArgumentArity.OneOrMore };

    public static Command Create(CliContext context)
    {
        var load = new Command("load", "Load event files into atomic.events (re-loading a file adds nothing; bad rows go to a reject file)");
        load.Options.Add(Format);
        load.Options.Add(Rejects);
        load.Arguments.Add(Paths);
        load.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var results = new EventsLoadService().Load(workspace, parse.GetValue(Format)!, parse.GetValue(Paths)!, parse.GetValue(Rejects),
                r => reporter.Info(r.AlreadyLoaded
                    ? $"{r.Path}: already loaded, nothing added"
                    : $"{r.Path}: {r.Loaded} event(s) loaded, {r.Rejected} rejected" + (r.RejectFile is null ? "" : $" (see {r.RejectFile})")));
            return results.Any(r => r.Rejected > 0) ? ExitCodes.NodeFailed : ExitCodes.Success;
        });
        var events = new Command("events", "Snowplow events in atomic.events");
        events.Subcommands.Add(load);
        return events;
    }
}
