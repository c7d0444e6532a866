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
            var rejects = parse.GetValue(Rejects) is { } folder ? CommonOptions.OutputFolder(folder, "--rejects", Environment.CurrentDirectory) : null;
            var results = new EventsLoadService().Load(workspace, parse.GetValue(Format)!, parse.GetValue(Paths)!, rejects,
                r => reporter.Info(r.AlreadyLoaded
                    ? $"{r.Path}: already loaded, nothing added"
                    : $"{r.Path}: {r.Loaded} event(s) loaded, {r.Rejected} rejected" + (r.RejectFile is null ? "" : $" (see {r.RejectFile})")));
            return results.Any(r => r.Rejected > 0) ? ExitCodes.NodeFailed : ExitCodes.Success;
        });
        var events = new Command("events", "Snowplow events in atomic.events");
        events.Subcommands.Add(load);
        events.Subcommands.Add(GenerateCommand(context));
        return events;
    }

    private static readonly Option<long> Count = new("--events") { Description = "Events to generate (default 100000)", DefaultValueFactory = _ => 100_000 };
    private static readonly Option<int> Days = new("--days") { Description = "Days of history (default 30)", DefaultValueFactory = _ => 30 };
    private static readonly Option<long> Seed = new("--seed") { Description = "Seed: the same seed gives the same events (default 42)", DefaultValueFactory = _ => 42 };
    private static readonly Option<DateOnly?> EndDate = new("--end-date")
    {
        Description = "Last day of history, exclusive (default 2025-01-01)",
        // The framework's own message names a .NET type; a date is what the user needs to hear about.
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                return date;
            result.AddError($"--end-date takes a day as YYYY-MM-DD, e.g. 2025-01-01 (got '{text}')");
            return null;
        },
    };
    private static readonly Option<bool> IfEmpty = new("--if-empty") { Description = "Generate only when atomic.events holds no event" };
    private static readonly Option<long?> Sessions = new("--sessions") { Description = "Sessions, their lengths scaled to hold the events (default: events / 20)" };
    private static readonly Option<long?> Users = new("--users") { Description = "Users (default: 60 per 100 sessions)" };
    private static readonly Option<double?> DuplicateRate = new("--duplicate-rate") { Description = "Share of events sent twice (default 0.002)" };
    private static readonly Option<double?> LateRate = new("--late-rate") { Description = "Share loaded hours late, inside a lookback window (default 0.01)" };
    private static readonly Option<double?> VeryLateRate = new("--very-late-rate") { Description = "Share loaded 5 days late, beyond a lookback window (default 0.002)" };
    private static readonly Option<double?> DeviceLateRate = new("--device-late-rate") { Description = "Share sent by the device 4 days after it created them (default 0.002)" };
    private static readonly Option<double?> BotRate = new("--bot-rate") { Description = "Share of sessions by bots (default 0.02)" };
    private static readonly Option<double?> LongSessionRate = new("--long-session-rate") { Description = "Share of sessions lasting four days (default 0.002)" };
    private static readonly Option<double?> OutsideAppRate = new("--outside-app-rate") { Description = "Share of sessions with app_id staging-site (default 0.01)" };

    private static Command GenerateCommand(CliContext context)
    {
        var generate = new Command("generate", "Generate realistic web and mobile events, with edge cases, into atomic.events");
        foreach (var o in new Option[] { Count, Days, Seed, EndDate, IfEmpty, Sessions, Users, DuplicateRate, LateRate, VeryLateRate, DeviceLateRate, BotRate, LongSessionRate, OutsideAppRate })
            generate.Options.Add(o);
        generate.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var defaults = new GeneratorOptions();
            var options = defaults with
            {
                Events = parse.GetValue(Count), Days = parse.GetValue(Days), Seed = parse.GetValue(Seed), EndDate = parse.GetValue(EndDate) ?? default,
                SessionCount = parse.GetValue(Sessions), UserCount = parse.GetValue(Users),
                DuplicateRate = parse.GetValue(DuplicateRate) ?? defaults.DuplicateRate,
                LateWithinLookbackRate = parse.GetValue(LateRate) ?? defaults.LateWithinLookbackRate,
                LateBeyondLookbackRate = parse.GetValue(VeryLateRate) ?? defaults.LateBeyondLookbackRate,
                DeviceSentLateRate = parse.GetValue(DeviceLateRate) ?? defaults.DeviceSentLateRate,
                BotRate = parse.GetValue(BotRate) ?? defaults.BotRate,
                LongSessionRate = parse.GetValue(LongSessionRate) ?? defaults.LongSessionRate,
                OutsideAppFilterRate = parse.GetValue(OutsideAppRate) ?? defaults.OutsideAppFilterRate,
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var rows = new EventsGenerateService().Generate(workspace, options, parse.GetValue(IfEmpty));
            reporter.Info(rows == 0 && parse.GetValue(IfEmpty)
                ? "atomic.events already holds events; nothing generated (--if-empty)"
                : $"{rows} event(s) generated into atomic.events ({options.Start:yyyy-MM-dd} to {options.End:yyyy-MM-dd}, seed {options.Seed}) in {clock.Elapsed.TotalSeconds:0.0}s");
            return ExitCodes.Success;
        });
        return generate;
    }
}
