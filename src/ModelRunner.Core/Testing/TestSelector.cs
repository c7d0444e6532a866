using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Which tests a selection picks, as dbt's eager indirect selection does: a data test when any node it reads is
/// selected, a unit test when its model is; a test also by its own name (<c>--select not_null_orders_id</c>),
/// a data test by its own tags (<c>tag:x</c>, from its <c>config: {tags: …}</c>), and source tests by <c>source:name</c> or
/// <c>source:name.table</c>. <c>--exclude</c> by test name or by a test's own tag removes tests.
/// </summary>
public static class TestSelector
{
    public static (ImmutableArray<DataTestNode> Data, ImmutableArray<UnitTestSpec> Unit) Select(ProjectModel project,
        IReadOnlyCollection<ProjectNode> selectedNodes, IReadOnlyList<string> select, IReadOnlyList<string> exclude)
    {
        var selected = selectedNodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var everything = select.Count == 0;
        var selectNames = NamePatterns(select);
        var excludeNames = NamePatterns(exclude);
        var sourceTerms = Atoms(select).Where(a => a.StartsWith("source:", StringComparison.Ordinal)).Select(a => a["source:".Length..].TrimEnd('+')).ToList();

        var selectTags = TagPatterns(select);
        var excludeTags = TagPatterns(exclude);
        bool Tagged(DataTestNode test, List<Regex> patterns) => test.Config.Tags.Any(tag => patterns.Any(p => p.IsMatch(tag)));
        bool SourceSelected(DataTestNode test) => test.AttachedSource is { } s
            && (everything || sourceTerms.Any(t => t == s.Source || t == $"{s.Source}.{s.Table}" || t == $"{s.Source}.*"));
        var data = project.DataTests.Where(t =>
                (t.DependsOn.Any(selected.Contains) || SourceSelected(t) || (everything && t.DependsOn.IsEmpty)
                 || selectNames.Any(p => p.IsMatch(t.Name)) || Tagged(t, selectTags))
                && !excludeNames.Any(p => p.IsMatch(t.Name)) && !Tagged(t, excludeTags))
            .ToImmutableArray();
        var unit = project.UnitTests.Where(t =>
                (selected.Contains(t.Model) || selectNames.Any(p => p.IsMatch(t.Name)))
                && !excludeNames.Any(p => p.IsMatch(t.Name)))
            .ToImmutableArray();
        return (data, unit);
    }

    private static IEnumerable<string> Atoms(IReadOnlyList<string> expressions) =>
        expressions.SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The <c>tag:x</c> terms of the expressions (not in an intersection), which select data tests by their own tags too.</summary>
    private static List<Regex> TagPatterns(IReadOnlyList<string> expressions) =>
        Atoms(expressions)
            .Where(a => !a.Contains(',') && a.StartsWith("tag:", StringComparison.Ordinal))
            .Select(a => Graph.Selector.Glob(a["tag:".Length..].TrimEnd('+')))
            .ToList();

    /// <summary>Plain names (or globs, or <c>test_name:x</c>) of the expressions, which may name tests.</summary>
    private static List<Regex> NamePatterns(IReadOnlyList<string> expressions) =>
        Atoms(expressions)
            .Where(a => !a.Contains(',') && !a.Contains('+') && !a.Contains('@') && (!a.Contains(':') || a.StartsWith("test_name:", StringComparison.Ordinal)))
            .Select(a => a.StartsWith("test_name:", StringComparison.Ordinal) ? a["test_name:".Length..] : a)
            .Select(Graph.Selector.Glob)
            .ToList();
}
