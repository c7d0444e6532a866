using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Templating;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>
/// A node's resolved config, checked once when the project loads: every key known (custom keys belong under
/// <c>meta:</c>, as in dbt), the materialization known, and what the materialization and its strategy need of the
/// config and the engine. So `compile` refuses what `run` would fail on, and a misspelled key is never ignored.
/// </summary>
public static class ConfigValidator
{
    private static readonly HashSet<string> ModelKeys = new(StringComparer.Ordinal)
    {
        "materialized", "schema", "alias", "database", "enabled", "tags", "unique_key", "incremental_strategy", "partition_by",
        "cluster_by", "tblproperties", "zorder_by", "incremental_predicates", "on_schema_change", "full_refresh", "pre_hook",
        "post_hook", "meta", "docs", "persist_docs", "file_format", "description", "event_time", "keyhole", "run_scoped",
    };

    private static readonly HashSet<string> SeedKeys = new(StringComparer.Ordinal)
    {
        "materialized", "schema", "alias", "database", "enabled", "tags", "column_types", "full_refresh", "pre_hook", "post_hook",
        "meta", "docs", "persist_docs", "quote_columns", "delimiter", "description",
    };

    /// <summary>Every config key a node of this kind may set (what templates find under <c>model.config</c>, unset ones null).</summary>
    public static IReadOnlySet<string> KnownKeys(NodeKind kind) => kind == NodeKind.Seed ? SeedKeys : ModelKeys;

    /// <summary>The problems of a node's config, each where it was set when that is known (else the node's file).</summary>
    public static IEnumerable<Diagnostic> Validate(NodeKind kind, string nodeName, NodeConfig config, MaterializationRegistry materializations,
        EngineCapabilities capabilities, Func<string, (string File, int Line, int Column)> origin)
    {
        // Typed values first: reading enabled (or full_refresh, at run time) from 'yes' would fail deep in the run.
        var typed = TypeProblems(config).ToList();
        foreach (var (key, message) in typed)
        {
            var (file, line, column) = origin(key);
            yield return new Diagnostic(message, file, line, column, nodeName);
        }
        if (typed.Any(t => t.Key == "enabled") || !config.Enabled) yield break;
        var known = kind == NodeKind.Seed ? SeedKeys : ModelKeys;
        foreach (var key in config.Values.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
        {
            var (file, line, column) = origin(key);
            yield return new Diagnostic(key == "contract"
                ? "contract is not supported: ModelRunner does not enforce model contracts yet, and a contract it ignored would promise what nothing checks; remove it"
                : $"unknown config key '{key}'.{Suggestions.DidYouMean(key, known)} Custom keys go under meta: (e.g. meta: {{{key}: …}}).",
                file, line, column, nodeName);
        }
        if (config.Values.TryGetValue("column_types", out var columnTypes) && columnTypes is not null
            && (columnTypes is not IDictionary<string, object?> types || types.Values.Any(t => t is not string { Length: > 0 })))
        {
            var (file, line, column) = origin("column_types");
            yield return new Diagnostic($"column_types maps columns to types, e.g. column_types: {{id: bigint, amount: decimal(10,2)}} (got {YamlDocument.Show(columnTypes)})",
                file, line, column, nodeName);
        }
        if (kind == NodeKind.Seed) yield break;
        // Read as typed values when a keyhole run starts: checked now, so a keyhole run never fails on them halfway.
        if (config.Values.TryGetValue("keyhole", out var keyhole) && !IsBoolean(keyhole))
        {
            var (file, line, column) = origin("keyhole");
            yield return new Diagnostic($"keyhole must be true or false (got '{keyhole}')", file, line, column, nodeName);
        }
        if (config.Values.TryGetValue("run_scoped", out var runScoped))
        {
            var (file, line, column) = origin("run_scoped");
            if (!IsBoolean(runScoped))
                yield return new Diagnostic($"run_scoped must be true or false (got '{runScoped}')", file, line, column, nodeName);
            else if (config.RunScoped && config.Materialized != "table")
                yield return new Diagnostic($"run_scoped applies to tables only (this model is materialized as {config.Materialized}): "
                    + "a view or an incremental model outlives the run that builds it", file, line, column, nodeName);
            else if (config.RunScoped && config.GetString("database") is not null)
                yield return new Diagnostic("run_scoped and database cannot both be set: a run-scoped table is kept where the engine keeps them "
                    + "(DuckDB: in memory), else in the target's database", file, line, column, nodeName);
        }
        if (config.Values.TryGetValue("event_time", out var eventTime) && eventTime is not string { Length: > 0 })
        {
            var (file, line, column) = origin("event_time");
            yield return new Diagnostic("event_time names one column (the time a row happened), e.g. event_time: 'collector_tstamp'", file, line, column, nodeName);
        }
        if (!materializations.TryGet(config.Materialized, out var materialization))
        {
            var (file, line, column) = origin("materialized");
            yield return new Diagnostic($"unknown materialization '{config.Materialized}'; known: {string.Join(", ", materializations.Names.Where(n => n != "seed"))}."
                + Suggestions.DidYouMean(config.Materialized, materializations.Names), file, line, column, nodeName);
            yield break;
        }
        foreach (var problem in materialization.Validate(config, capabilities))
        {
            var (file, line, column) = origin("incremental_strategy");
            yield return new Diagnostic(problem, file, line, column, nodeName);
        }
    }

    /// <summary>Keys read as true or false, and keys that name one thing (a relation part, a strategy).</summary>
    private static readonly string[] BooleanKeys = ["enabled", "full_refresh"];
    private static readonly string[] NameKeys = ["materialized", "schema", "alias", "database", "incremental_strategy", "on_schema_change", "file_format"];
    /// <summary>Keys that take one name (or statement) or a list of them: columns, predicates, tags, hooks.</summary>
    private static readonly string[] NameListKeys = ["partition_by", "cluster_by", "zorder_by", "unique_key", "incremental_predicates", "tags", "pre_hook", "post_hook"];

    private static bool IsScalar(object? value) => value is string or bool or int or long or double or decimal;

    private static IEnumerable<(string Key, string Message)> TypeProblems(NodeConfig config)
    {
        foreach (var key in BooleanKeys)
            if (config.Values.TryGetValue(key, out var value) && value is not null && !IsBoolean(value))
                yield return (key, $"{key} must be true or false (got '{YamlDocument.Show(value)}')");
        foreach (var key in NameKeys)
            if (config.Values.TryGetValue(key, out var value) && value is not null)
            {
                if (!IsScalar(value))
                    yield return (key, $"{key} takes one name (got {YamlDocument.Show(value)})");
                // An empty schema or database means the target's (a folder's custom schema undone); an empty alias names nothing.
                else if (key == "alias" && value is string text && string.IsNullOrWhiteSpace(text))
                    yield return (key, "alias cannot be empty: leave it out for the model's name");
            }
        foreach (var key in NameListKeys)
            if (config.Values.TryGetValue(key, out var value) && value is not null && !IsScalar(value)
                && (value is IDictionary<string, object?> || value is not System.Collections.IEnumerable list || list.Cast<object?>().Any(item => !IsScalar(item))))
                yield return (key, key is "pre_hook" or "post_hook" or "incremental_predicates"
                    ? $"{key} takes a SQL text or a list of them (got {YamlDocument.Show(value)})"
                    : $"{key} takes a name or a list of names (got {YamlDocument.Show(value)})");
        foreach (var key in new[] { "meta", "persist_docs" })
            if (config.Values.TryGetValue(key, out var value) && value is not null and not IDictionary<string, object?>)
                yield return (key, $"{key} is a mapping, e.g. {(key == "meta" ? "meta: {owner: analytics}" : "persist_docs: {relation: true, columns: true}")} (got {YamlDocument.Show(value)})");
        if (config.Values.TryGetValue("tblproperties", out var properties) && properties is not null
            && (properties is not IDictionary<string, object?> map || map.Values.Any(v => !IsScalar(v))))
            yield return ("tblproperties", $"tblproperties maps property names to values, e.g. tblproperties: {{'delta.enableChangeDataFeed': 'true'}} (got {YamlDocument.Show(properties)})");
    }

    /// <summary>A value NodeConfig.GetBool reads as true or false.</summary>
    private static bool IsBoolean(object? value) => value is bool or "true" or "false" or "True" or "False";

    /// <summary>
    /// Where a model's config key was set: its own config call, else its property file, else the folder configs
    /// (models.yml, its package's package.yml), else its file.
    /// </summary>
    public static Func<string, (string File, int Line, int Column)> ModelOrigin(string displayPath, IEnumerable<ConfigCall> calls, NodePatch? patch,
        params FolderConfig?[] folders) =>
        key =>
        {
            foreach (var call in calls)
                if (call.Arguments.Any(a => NodeConfig.NormalizeKey(a.Name) == key)) return (displayPath, call.Line, call.Column);
            if (patch is not null && patch.Config.Keys.Any(k => NodeConfig.NormalizeKey(k) == key)) return (patch.File, patch.Line, 0);
            foreach (var folder in folders)
                if (folder?.WhereSet(key) is var (file, line)) return (file, line, 0);
            return (displayPath, 1, 0);
        };
}
