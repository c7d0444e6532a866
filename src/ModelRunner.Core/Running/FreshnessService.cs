using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Json;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

public enum FreshnessStatus { Pass, Warn, Error, RuntimeError }

/// <summary>One source table's freshness: its newest loaded_at_field, how old that is, and what the rule makes of it.</summary>
public sealed record FreshnessResult(string UniqueId, string Name, FreshnessRule Rule, DateTimeOffset? MaxLoadedAt, DateTimeOffset SnapshottedAt,
    FreshnessStatus Status, string Message)
{
    public TimeSpan? Age => MaxLoadedAt is { } loaded ? SnapshottedAt - loaded : null;
}

/// <summary>
/// `modelrunner source freshness`, as dbt's: for each selected source table with a freshness rule, the newest value
/// of its loaded_at_field (timestamps without a zone are UTC, as Snowplow writes them), its age now, and pass, warn or
/// error against warn_after / error_after; the results go to target/sources.json.
/// </summary>
public sealed class FreshnessService
{
    public IReadOnlyList<FreshnessResult> Check(Workspace workspace, IReadOnlyList<string> select)
    {
        var project = workspace.Project;
        foreach (var atom in select.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(a => !a.StartsWith("source:", StringComparison.Ordinal)))
            throw new ProjectException($"source freshness selects sources (source:atomic or source:atomic.events), not '{atom}'");
        var tables = project.Sources.SelectMany(s => s.Tables.Where(t => t.Freshness is not null).Select(t => (Source: s, Table: t)))
            .Where(x => Selected(select, x.Source.Name, x.Table.Name)).ToList();
        var results = new List<FreshnessResult>();
        if (tables.Count == 0) return results;
        using var engine = workspace.Connect(readOnly: true);
        using var session = engine.OpenSession();
        foreach (var (source, table) in tables)
        {
            var rule = table.Freshness!;
            var id = $"source.{project.Settings.Name}.{source.Name}.{table.Name}";
            var relation = workspace.Namer.SourceRelation(source, table);
            var sql = $"select max({rule.LoadedAtField}) from {engine.Dialect.Render(relation)}" + (rule.Filter is { } filter ? $" where {filter}" : "");
            var now = DateTimeOffset.UtcNow;
            try
            {
                var value = session.Query(sql).Rows[0][0];
                results.Add(Judge(id, $"{source.Name}.{table.Name}", rule, AsUtc(value), now));
            }
            catch (EngineException e)
            {
                results.Add(new FreshnessResult(id, $"{source.Name}.{table.Name}", rule, null, now, FreshnessStatus.RuntimeError, $"the query failed: {e.Message}"));
            }
        }
        workspace.Artifacts.WriteSources(results, workspace.Target);
        return results;
    }

    private static FreshnessResult Judge(string id, string name, FreshnessRule rule, DateTimeOffset? loaded, DateTimeOffset now)
    {
        if (loaded is null)
            return new FreshnessResult(id, name, rule, null, now, FreshnessStatus.Error, $"no row has {rule.LoadedAtField}: nothing was loaded");
        var age = now - loaded.Value;
        var status = rule.ErrorAfter is { } error && age > error.Span ? FreshnessStatus.Error
            : rule.WarnAfter is { } warn && age > warn.Span ? FreshnessStatus.Warn
            : FreshnessStatus.Pass;
        var limit = status == FreshnessStatus.Error ? rule.ErrorAfter : status == FreshnessStatus.Warn ? rule.WarnAfter : null;
        var message = $"newest {rule.LoadedAtField} {loaded.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, {Describe(age)} ago"
            + (limit is null ? "" : $", over {limit.Count} {limit.Period}(s)");
        return new FreshnessResult(id, name, rule, loaded, now, status, message);
    }

    private static DateTimeOffset? AsUtc(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)),
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => throw new EngineException($"the loaded_at_field gave {value.GetType().Name} '{value}', not a timestamp"),
    };

    private static string Describe(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{age.TotalDays:0.#} days" : age.TotalHours >= 2 ? $"{age.TotalHours:0.#} hours" : $"{age.TotalMinutes:0} minutes";

    /// <summary>Sources are selected as dbt does for freshness: source:NAME or source:NAME.TABLE; none selects every source with a rule.</summary>
    private static bool Selected(IReadOnlyList<string> select, string source, string table)
    {
        if (select.Count == 0) return true;
        foreach (var atom in select.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = atom["source:".Length..].Split('.');
            if (parts[0] == source && (parts.Length == 1 || parts[1] == table || parts[1] == "*")) return true;
        }
        return false;
    }
}
