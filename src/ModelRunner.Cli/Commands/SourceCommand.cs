using System.CommandLine;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner source freshness`: how old each source's newest rows are, against its freshness rule (dbt's).</summary>
public static class SourceCommand
{
    public static Command Create(CliContext context)
    {
        var freshness = new Command("freshness", "Check the sources' freshness rules (freshness:, loaded_at_field) and write target/sources.json");
        freshness.Options.Add(CommonOptions.Select);
        freshness.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var results = new FreshnessService().Check(workspace, CommonOptions.Selected(parse, CommonOptions.Select));
            if (results.Count == 0) context.Error.WriteLine("warning: nothing to do: no selected source has a freshness rule");
            foreach (var r in results)
                context.Output.WriteLine($"{Label(r.Status),-13} freshness of {r.Name}: {r.Message}");
            context.Output.WriteLine($"Done. PASS={Count(results, FreshnessStatus.Pass)} WARN={Count(results, FreshnessStatus.Warn)} "
                + $"ERROR={Count(results, FreshnessStatus.Error) + Count(results, FreshnessStatus.RuntimeError)} TOTAL={results.Count}");
            // As dbt: an error (stale past error_after, or a query that failed) fails the command; a warning does not.
            return results.Any(r => r.Status is FreshnessStatus.Error or FreshnessStatus.RuntimeError) ? ExitCodes.NodeFailed : ExitCodes.Success;
        });
        var command = new Command("source", "Commands on the project's sources");
        command.Subcommands.Add(freshness);
        return command;
    }

    private static int Count(IReadOnlyList<FreshnessResult> results, FreshnessStatus status) => results.Count(r => r.Status == status);

    private static string Label(FreshnessStatus status) => status switch
    {
        FreshnessStatus.Pass => "PASS",
        FreshnessStatus.Warn => "WARN",
        FreshnessStatus.Error => "ERROR STALE",
        _ => "RUNTIME ERROR",
    };
}
