using System.Text.RegularExpressions;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// GDPR erasure over the whole project (web, mobile and media packages built on generated events): afterwards no row
/// of any table holds any of the erased people's identifiers (their user_id, devices, cookies, sessions, page views),
/// every other row of every table is byte-identical, counts over people are rebuilt, and an audit record keeps only
/// hashes. A dry run changes nothing.
/// </summary>
public partial class EraseRemovesAPersonEverywhere
{
    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|user-\d+")]
    private static partial Regex IdTokens();

    private static string Cli(TempProject project, params string[] args) => PackageCli.Run(project, PackageCli.AllAtOnce, args);

    /// <summary>Every row of every table, as text, by table.</summary>
    private static Dictionary<string, List<string>> Rows(TempProject project) =>
        project.Query("select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' order by 1")
            .ToDictionary(t => t, t => project.Query($"select t::VARCHAR from {t} t").Order(StringComparer.Ordinal).ToList());

    [Fact]
    public void No_row_anywhere_holds_their_identifiers_and_every_other_row_is_untouched()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        Cli(project, "events", "generate", "--events", "20000", "--days", "14", "--very-late-rate", "0", "--seed", "7");
        Cli(project, "seed");
        Cli(project, "run");
        // A logged-in person on the web with several sessions, and one in the app.
        string Person(string platform) => project.Query($"select user_id from atomic.events where user_id is not null and platform = '{platform}' "
            + "group by 1 order by count(distinct domain_sessionid) desc, 1 limit 1")[0];
        var (web, app) = (Person("web"), Person("mob"));
        var identifiers = project.Query("select distinct x from (select unnest([domain_userid, network_userid, user_id, domain_sessionid, "
            + "contexts_com_snowplowanalytics_snowplow_client_session_1[1].user_id, contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_id, "
            + $"contexts_com_snowplowanalytics_snowplow_web_page_1[1].id]) as x from atomic.events where user_id in ('{web}', '{app}')) where x is not null");
        Assert.True(identifiers.Count > 10, $"only {identifiers.Count} identifiers");
        // The generator's ids are UUIDs and 'user-N': a row is theirs when one of its id-shaped tokens is one of theirs.
        var theirIds = identifiers.ToHashSet(StringComparer.Ordinal);
        var theirs = new Func<string, bool>(row => IdTokens().Matches(row).Any(m => theirIds.Contains(m.Value)));
        var before = Rows(project);
        Assert.Contains(before, t => t.Value.Any(theirs));

        var dry = Cli(project, "erase", "--user", web, "--user", app, "--dry-run");
        Assert.Contains("would delete", dry);
        Assert.Matches(@"would delete +\d+ row\(s\) from atomic\.events", dry);
        Assert.Matches(@"would delete +\d+ row\(s\) from main_derived\.snowplow_web_sessions", dry);
        Assert.Matches(@"would delete +\d+ row\(s\) from main_derived\.snowplow_mobile_screen_views", dry);
        Assert.Equal(before.Select(t => t.Key + string.Concat(t.Value)), Rows(project).Select(t => t.Key + string.Concat(t.Value)));

        var erase = Cli(project, "erase", "--user", web, "--user", app);
        Assert.Contains("Erased", erase);
        var rebuilt = Regex.Match(erase, "Rebuilding what counts over people: (.*)").Groups[1].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim()).ToHashSet();
        Assert.Contains("snowplow_web_consent_totals", rebuilt);
        var after = Rows(project);
        foreach (var (table, rows) in after)
        {
            Assert.False(rows.Any(theirs), $"{table} still holds an identifier of theirs");
            if (!before.TryGetValue(table, out var old) || rebuilt.Any(r => table.EndsWith("." + r, StringComparison.Ordinal))) continue;
            // Every row that was not theirs is still there, byte for byte, and nothing else is.
            Assert.True(old.Where(r => !theirs(r)).SequenceEqual(rows), $"{table}: other people's rows changed");
        }
        var audit = project.Query("select identifiers || '|' || relation || '|' || rows_deleted from main.modelrunner_erasures");
        Assert.Contains(audit, a => a.Contains("|atomic.events|"));
        Assert.All(audit, a => Assert.Contains(Core.Erasure.EraseService.Hash(web), a));
        Assert.DoesNotContain(audit, a => a.Contains(web) || a.Contains(app));
    }
}
