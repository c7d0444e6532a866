using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ModelRunner.Core.Project;

/// <summary>
/// The resolved configuration of one node: project folders, then property files, then the model's own
/// <c>config</c> call, later layers winning (tags add up, as in dbt).
/// </summary>
/// <remarks>
/// <see cref="Values"/> is a read-only view of a dictionary nobody else holds: immutable in effect, and a fraction of
/// the objects an ImmutableDictionary (a tree) keeps alive for each of thousands of nodes, which the garbage
/// collector would copy and mark through the whole compile.
/// </remarks>
public sealed record NodeConfig(IReadOnlyDictionary<string, object?> Values)
{
    public static readonly NodeConfig Empty = new(new Dictionary<string, object?>(StringComparer.Ordinal).AsReadOnly());

    public string Materialized => GetString("materialized") ?? "view";
    public bool Enabled => GetBool("enabled") ?? true;
    public string? Schema => GetString("schema");
    public string? Alias => GetString("alias");
    public string? IncrementalStrategy => GetString("incremental_strategy");
    /// <summary>dbt's event_time: the column saying when a row happened (keyhole runs filter it and replace its window).</summary>
    public string? EventTime => GetString("event_time");
    /// <summary>keyhole: true, the model restricts itself to a keyhole run's window; false, it is left out of one.</summary>
    public bool? Keyhole => GetBool("keyhole");
    /// <summary>
    /// run_scoped: true, a table whose rows only the run that builds it reads (a package's scratch tables): an engine
    /// with a run-scoped catalog (DuckDB: in memory) keeps it there, out of the database file; others build it as usual.
    /// An ephemeral model has no table to keep: a folder's run_scoped reaches it without effect (a package's scratch
    /// folder holds both).
    /// </summary>
    public bool RunScoped => (GetBool("run_scoped") ?? false) && Materialized != "ephemeral";
    // Read for every node on hot paths (selection, scope, manifest, parallel renders): computed once. Kept as array
    // references, which are written whole: a race only computes twice. (A cached ImmutableArray? is a struct of two
    // fields, and a reader on another thread could see "has a value" before the value: a default array.)
    private string[]? _tags, _uniqueKey, _preHooks, _postHooks;
    public ImmutableArray<string> Tags => Cached(ref _tags, "tags");
    public ImmutableArray<string> UniqueKey => Cached(ref _uniqueKey, "unique_key");
    public ImmutableArray<string> PartitionBy => GetStrings("partition_by");
    public ImmutableArray<string> PreHooks => Cached(ref _preHooks, "pre_hook");
    public ImmutableArray<string> PostHooks => Cached(ref _postHooks, "post_hook");

    private ImmutableArray<string> Cached(ref string[]? field, string key) =>
        ImmutableCollectionsMarshal.AsImmutableArray(field ??= ImmutableCollectionsMarshal.AsArray(GetStrings(key)));
    public string OnSchemaChange => GetString("on_schema_change") ?? "ignore";

    public object? this[string key] => Values.TryGetValue(key, out var v) ? v : null;

    public string? GetString(string key) =>
        Values.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// True or false, or null when unset; a value that is neither (enabled: 'yes', a list) also reads as null, since
    /// ConfigValidator reports it where it was set before anything runs.
    /// </summary>
    public bool? GetBool(string key) => Values.TryGetValue(key, out var v) ? v switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var parsed) ? parsed : null,
        int or long or double or decimal => Convert.ToBoolean(v, CultureInfo.InvariantCulture),
        _ => null,
    } : null;

    public ImmutableArray<string> GetStrings(string key)
    {
        if (!Values.TryGetValue(key, out var v) || v is null) return ImmutableArray<string>.Empty;
        if (v is string single) return ImmutableArray.Create(single);
        if (v is not System.Collections.IEnumerable items) return ImmutableArray.Create(Convert.ToString(v, CultureInfo.InvariantCulture)!);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
            if (item is not null) builder.Add(Convert.ToString(item, CultureInfo.InvariantCulture)!);
        return builder.ToImmutable();
    }

    /// <summary>Layers <paramref name="overrides"/> on top of this config.</summary>
    public NodeConfig With(IEnumerable<KeyValuePair<string, object?>> overrides)
    {
        var builder = new Dictionary<string, object?>(Values, StringComparer.Ordinal);
        foreach (var (rawKey, value) in overrides)
        {
            var key = NormalizeKey(rawKey);
            if (AdditiveKeys.Contains(key) && builder.TryGetValue(key, out var existing) && existing is not null)
            {
                var merged = ToList(existing).Concat(ToList(value)).Distinct().ToList();
                builder[key] = merged;
            }
            else builder[key] = value;
        }
        return new NodeConfig(builder.AsReadOnly());
    }

    /// <summary>dbt spells hooks both pre-hook and pre_hook; one spelling keeps lookups simple.</summary>
    public static string NormalizeKey(string key) => key.TrimStart('+').Replace('-', '_');

    private static readonly HashSet<string> AdditiveKeys = new(StringComparer.Ordinal) { "tags", "pre_hook", "post_hook" };

    private static IEnumerable<object?> ToList(object? value) => value switch
    {
        null => Array.Empty<object?>(),
        string s => new object?[] { s },
        System.Collections.IEnumerable e => e.Cast<object?>(),
        _ => new[] { value },
    };
}
