using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Which tests a selection picks, as dbt's eager indirect selection does: a data test when any node it reads is
/// selected, a unit test when its model is; a test also by its own name (<c>--select not_null_orders_id</c>),
/// and source tests by <c>source:name</c> or <c>source:name.table</c>. <c>--exclude</c> by test name removes tests.
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

        bool SourceSelected(DataTestNode test) => test.AttachedSource is { } s
            && (everything || sourceTerms.Any(t => t == s.Source || t == $"{s.Source}.{s.Table}" || t == $"{s.Source}.*"));
        var data = project.DataTests.Where(t =>
                (t.DependsOn.Any(selected.Contains) || SourceSelected(t) || (everything && t.DependsOn.IsEmpty)
                 || selectNames.Any(p => p.IsMatch(t.Name)))
                && !excludeNames.Any(p => p.IsMatch(t.Name)))
            .ToImmutableArray();
        var unit = project.UnitTests.Where(t =>
                (selected.Contains(t.Model) || selectNames.Any(p => p.IsMatch(t.Name)))
                && !excludeNames.Any(p => p.IsMatch(t.Name)))
            .ToImmutableArray();
        return (data, unit);
    }

    private static IEnumerable<string> Atoms(IReadOnlyList<string> expressions) =>
        expressions.SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Plain names (or globs, or <c>test_name:x</c>) of the expressions, which may name tests.</summary>
    private static List<Regex> NamePatterns(IReadOnlyList<string> expressions) =>
        Atoms(expressions)
            .Where(a => !a.Contains(',') && !a.Contains('+') && !a.Contains('@') && (!a.Contains(':') || a.StartsWith("test_name:", StringComparison.Ordinal)))
            .Select(a => a.StartsWith("test_name:", StringComparison.Ordinal) ? a["test_name:".Length..] : a)
            .Select(Graph.Selector.Glob)
            .ToList();
}
