using System.CommandLine;
using ModelRunner.Core.Erasure;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner erase --user ID …`: GDPR erasure of people from atomic.events and every table the project builds.</summary>
public static class EraseCommand
{
    private static readonly Option<string[]> Users = new("--user")
        { Description = "An identifier of the person (domain_userid, network_userid, user_id or device_user_id); repeat for more", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the rows each table would lose; change nothing" };
    private static readonly Option<bool> Purge = new("--purge")
        { Description = "Also remove the deleted rows from storage now (Databricks: REORG TABLE … APPLY (PURGE); DuckDB: the database file rewritten as a fresh copy)" };

    public static Command Create(CliContext context)
    {
        var command = new Command("erase", "Erase people (GDPR): every row holding their identifiers, in atomic.events and every table the project builds");
        foreach (var o in new Option[] { Users, DryRun, Purge }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var reporter = RunCommand.Reporter(parse, context);
            var workspace = CommonOptions.OpenWorkspace(parse, context, reporter);
            var dryRun = parse.GetValue(DryRun);
            var outcome = new EraseService().Erase(workspace, new EraseRequest(parse.GetValue(Users) ?? [], dryRun, parse.GetValue(Purge)));
            var ids = outcome.Identifiers;
            reporter.Info($"Identifiers: {ids.Users.Count} user or device id(s), {ids.Sessions.Count} session(s), {ids.PageViews.Count} page view(s)");
            foreach (var table in outcome.Tables)
                reporter.Info($"{(dryRun ? "would delete" : "deleted")} {table.Rows,8} row(s) from {table.Relation}");
            if (outcome.Tables.Count == 0) reporter.Info("No row holds these identifiers.");
            if (outcome.KeptAsAnonymousCounts.Count > 0)
                reporter.Info($"Kept as anonymous counts (they hold no identifier): {string.Join(", ", outcome.KeptAsAnonymousCounts)}");
            if (dryRun)
            {
                if (outcome.Rebuild.Count > 0) reporter.Info($"Would rebuild (counts over people): {string.Join(", ", outcome.Rebuild)}");
                return ExitCodes.Success;
            }
            reporter.Info($"Erased {outcome.Tables.Sum(t => t.Rows)} row(s) from {outcome.Tables.Count} table(s); audit record in {EraseService.AuditTable} (identifiers hashed)");
            var code = ExitCodes.Success;
            if (outcome.Rebuild.Count > 0)
            {
                reporter.Info($"Rebuilding what counts over people: {string.Join(", ", outcome.Rebuild)}");
                var request = new RunRequest(outcome.Rebuild, [], FullRefresh: false, Threads: null, FailFast: false, RunMode.Models, context.Arguments);
                var results = new RunService(MaterializationRegistry.Default(), context.Offline).Run(workspace, request, reporter);
                if (results.Failed) code = ExitCodes.NodeFailed;
            }
            if (outcome.PurgeNow.Count > 0)
                reporter.Info(outcome.Purged
                    ? $"Purged: {string.Join("; ", outcome.PurgeNow)}"
                    : $"To remove the deleted rows from storage now (erase with --purge does it): {string.Join("; ", outcome.PurgeNow)}");
            if (outcome.PurgeAfterRetention.Count > 0)
                reporter.Info($"After the table's retention period (delta.deletedFileRetentionDuration, 7 days by default), run: {string.Join("; ", outcome.PurgeAfterRetention)}");
            return code;
        });
        return command;
    }
}
