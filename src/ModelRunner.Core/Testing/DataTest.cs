using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Testing;

public enum DataTestKind { Generic, Singular }

/// <summary>
/// A data test ready to compile: a query returning the failing rows. Generic tests call a test macro
/// (<c>test_not_null</c>, …) with the tested relation as <c>model</c>; singular tests are SQL files.
/// </summary>
/// <param name="AttachedTo">The node the test guards (the model a generic test is declared on, or a singular test's only ref);
/// its children wait for it in `build`, and `build --audit` runs it against the node's staging relation.</param>
/// <param name="AttachedSource">For tests declared on a source table: the source and table.</param>
/// <param name="DependsOn">Every model or seed the test reads.</param>
public sealed record DataTestNode(
    string Name,
    DataTestKind Kind,
    string? AttachedTo,
    (string Source, string Table)? AttachedSource,
    string? Column,
    ParsedTemplate Template,
    ImmutableArray<string> DependsOn,
    TestConfig Config,
    string File,
    int Line)
{
    public string UniqueId { get; } = "test." + Name;

    /// <summary>A generic test's arguments passed to its macro as values (refs and sources are written into the template).</summary>
    public ImmutableDictionary<string, object?> Arguments { get; init; } = ImmutableDictionary<string, object?>.Empty;
}

public enum TestSeverity { Error, Warn }

/// <summary>A threshold on the number of failing rows, as dbt writes it: <c>!= 0</c>, <c>&gt; 10</c>, <c>&gt;=5</c>.</summary>
public sealed partial record Threshold(string Operator, long Value)
{
    public static readonly Threshold Default = new("!=", 0);

    public bool IsMetBy(long failures) => Operator switch
    {
        "=" or "==" => failures == Value,
        "!=" or "<>" => failures != Value,
        ">" => failures > Value,
        ">=" => failures >= Value,
        "<" => failures < Value,
        "<=" => failures <= Value,
        _ => throw new InvalidOperationException(Operator),
    };

    public static Threshold Parse(string? text, string key, string file, int line)
    {
        if (text is null) return Default;
        var m = Pattern().Match(text);
        if (!m.Success)
            throw new ProjectException($"{key} must be a comparison with a number of failing rows, like '!= 0' or '> 10', not '{text}'", file, line);
        return new Threshold(m.Groups[1].Value, long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    public override string ToString() => $"{Operator} {Value}";

    [GeneratedRegex(@"^\s*(==|=|!=|<>|>=|<=|>|<)\s*(\d+)\s*$")]
    private static partial Regex Pattern();
}

/// <summary>A data test's configuration (dbt's test configs).</summary>
public sealed record TestConfig(
    TestSeverity Severity,
    Threshold WarnIf,
    Threshold ErrorIf,
    string? Where,
    int? Limit,
    bool StoreFailures,
    bool Enabled,
    ImmutableArray<string> Tags)
{
    /// <summary>Keys that configure a test rather than being arguments of its macro.</summary>
    public static readonly ImmutableHashSet<string> Keys = ImmutableHashSet.Create(StringComparer.Ordinal,
        "severity", "warn_if", "error_if", "where", "limit", "store_failures", "enabled", "tags", "meta");

    public static TestConfig From(NodeConfig config, string file, int line)
    {
        // Each of these is one value; a list or a mapping would otherwise be read as .NET's name for its type.
        foreach (var key in new[] { "severity", "warn_if", "error_if", "where", "limit" })
            if (config.Values.TryGetValue(key, out var value) && value is System.Collections.IEnumerable and not string)
                throw new ProjectException($"{key} of a test takes one value (text), not {Yaml.YamlDocument.Show(value)}", file, line);
        if (config.Values.TryGetValue("tags", out var tags) && (tags is IDictionary<string, object?> || tags is System.Collections.IList list && list.Cast<object?>().Any(t => t is not string)))
            throw new ProjectException($"tags of a test take a name or a list of names, not {Yaml.YamlDocument.Show(tags)}", file, line);
        foreach (var key in new[] { "store_failures", "enabled" })
            if (config.Values.TryGetValue(key, out var value) && value is not null && config.GetBool(key) is null)
                throw new ProjectException($"{key} of a test takes true or false, not {Yaml.YamlDocument.Show(value)}", file, line);
        var severity = config.GetString("severity")?.ToLowerInvariant() switch
        {
            null or "error" => TestSeverity.Error,
            "warn" => TestSeverity.Warn,
            var other => throw new ProjectException($"severity must be 'warn' or 'error', not '{other}'", file, line),
        };
        int? limit = null;
        if (config.GetString("limit") is { } l)
            limit = int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ProjectException($"limit must be a whole number of rows, not '{l}'", file, line);
        return new TestConfig(severity,
            Threshold.Parse(config.GetString("warn_if"), "warn_if", file, line),
            Threshold.Parse(config.GetString("error_if"), "error_if", file, line),
            config.GetString("where"), limit, config.GetBool("store_failures") ?? false, config.Enabled, config.Tags);
    }
}
