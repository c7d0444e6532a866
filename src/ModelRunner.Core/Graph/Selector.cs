using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Graph;

/// <summary>
/// dbt's node selection syntax: <c>name</c>, <c>+name</c>, <c>name+</c>, <c>2+name</c>, <c>name+1</c>, <c>@name</c>,
/// <c>tag:x</c>, <c>path:models/web</c>, <c>config.materialized:incremental</c>, <c>source:atomic.events+</c>,
/// <c>resource_type:seed</c>, <c>state:modified</c> (with --state); space-separated terms are a union, comma-joined ones an intersection.
/// </summary>
public sealed partial class Selector
{
    private readonly Dag _dag;
    private readonly ProjectModel _project;
    private readonly Running.StateComparison? _state;

    public Selector(Dag dag, ProjectModel project, Running.StateComparison? state = null)
    {
        _dag = dag;
        _project = project;
        _state = state;
    }

    /// <summary>The selected node names, in DAG order. No select means everything.</summary>
    public ImmutableArray<ProjectNode> Select(IReadOnlyList<string> select, IReadOnlyList<string> exclude)
    {
        var included = select.Count == 0
            ? _dag.Ordered.Select(n => n.Name).ToHashSet(StringComparer.Ordinal)
            : Evaluate(select);
        if (exclude.Count > 0) included.ExceptWith(Evaluate(exclude));
        return _dag.Ordered.Where(n => included.Contains(n.Name)).ToImmutableArray();
    }

    private HashSet<string> Evaluate(IReadOnlyList<string> expressions)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in expressions.SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            HashSet<string>? intersection = null;
            foreach (var atom in term.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var matched = EvaluateAtom(atom);
                if (intersection is null) intersection = matched;
                else intersection.IntersectWith(matched);
            }
            if (intersection is not null) result.UnionWith(intersection);
        }
        return result;
    }

    private static string Example(string method) => method switch
    {
        "source" => "atomic.events",
        "path" => "models/staging",
        "resource_type" => "seed",
        "config.materialized" => "incremental",
        "test_name" => "not_null",
        "state" => "modified",
        _ when method.StartsWith("config.", StringComparison.Ordinal) => "value",
        _ => "nightly",
    };

    private HashSet<string> EvaluateAtom(string atom)
    {
        if (atom.TrimEnd('+').EndsWith(':'))
        {
            var prefix = atom.TrimEnd('+').TrimStart('@', '+');
            throw new ProjectException($"the selector '{atom}' has no value after '{prefix}' (e.g. {prefix}{Example(prefix.TrimEnd(':'))})");
        }
        var m = AtomPattern().Match(atom);
        if (!m.Success) throw new ProjectException($"cannot read the selector '{atom}'");
        var at = m.Groups["at"].Success;
        int? parentsDepth = m.Groups["pplus"].Success ? (m.Groups["pdepth"].Value is { Length: > 0 } pd ? int.Parse(pd) : int.MaxValue) : null;
        int? childrenDepth = m.Groups["cplus"].Success ? (m.Groups["cdepth"].Value is { Length: > 0 } cd ? int.Parse(cd) : int.MaxValue) : null;
        var method = m.Groups["method"].Success ? m.Groups["method"].Value : null;
        var value = m.Groups["value"].Value;

        var seeds = Match(method, value, atom);
        var result = new HashSet<string>(seeds, StringComparer.Ordinal);
        foreach (var name in seeds)
        {
            if (parentsDepth is { } p) result.UnionWith(_dag.Ancestors(name, p == int.MaxValue ? null : p));
            if (childrenDepth is { } c || at)
            {
                var descendants = _dag.Descendants(name, childrenDepth is { } d && d != int.MaxValue ? d : null).ToList();
                result.UnionWith(descendants);
                // @name: the node, its descendants, and every ancestor of those descendants.
                if (at) foreach (var child in descendants.Append(name).ToList()) result.UnionWith(_dag.Ancestors(child));
            }
        }
        return result;
    }

    private IEnumerable<string> Match(string? method, string value, string atom)
    {
        method ??= value.Contains('/') || value.EndsWith(".sql", StringComparison.Ordinal) ? "path" : "name";
        var nodes = _dag.Ordered;
        switch (method)
        {
            case "name" or "fqn":
            {
                var regex = Glob(value);
                var found = nodes.Where(n => regex.IsMatch(n.Name)).Select(n => n.Name).ToList();
                return found;
            }
            case "tag":
                return nodes.Where(n => n.Config.Tags.Contains(value)).Select(n => n.Name);
            case "path":
            {
                var prefix = value.Trim().TrimEnd('/');
                return nodes.Where(n => n.RelativePath == prefix || n.RelativePath.StartsWith(prefix + "/", StringComparison.Ordinal)
                    || Glob(prefix).IsMatch(n.RelativePath)).Select(n => n.Name);
            }
            case "resource_type":
                return nodes.Where(n => n.Kind.ToString().Equals(value, StringComparison.OrdinalIgnoreCase)).Select(n => n.Name);
            case "source":
            {
                var parts = value.Split('.');
                return nodes.Where(n => n.Sources.Any(s => s.Name == parts[0] && (parts.Length < 2 || parts[1] == "*" || s.Table == parts[1])))
                    .Select(n => n.Name);
            }
            case var c when c.StartsWith("config.", StringComparison.Ordinal):
            {
                var key = c["config.".Length..];
                return nodes.Where(n => n.Config.GetStrings(key).Contains(value, StringComparer.OrdinalIgnoreCase)
                    || (key == "materialized" && n.Config.Materialized == value)).Select(n => n.Name);
            }
            case "test_name":
                return []; // names tests, which Testing.TestSelector picks; no model or seed
            case "state":
                return _state?.Matching(value).ToList()
                    ?? throw new ProjectException($"'{atom}' compares with an earlier manifest: give it with --state DIR (a folder holding manifest.json)");
            default:
                throw new ProjectException($"unknown selector method '{method}' in '{atom}'; known: name, tag, path, config.<key>, source, resource_type, test_name, state."
                    + Suggestions.DidYouMean(method, new[] { "name", "tag", "path", "source", "resource_type", "state" }));
        }
    }

    /// <summary>A name pattern with * and ? wildcards, matched whole.</summary>
    internal static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^(?<at>@)?(?:(?<pdepth>\d*)(?<pplus>\+))?(?:(?<method>[a-z_]+(?:\.[a-z_]+)?):)?(?<value>[^+@]+?)(?:(?<cplus>\+)(?<cdepth>\d*))?$")]
    private static partial Regex AtomPattern();
}
