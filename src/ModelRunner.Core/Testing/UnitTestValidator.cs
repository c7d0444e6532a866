using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Checks unit tests against the models at load time: the model exists, every ref and source it reads has
/// input rows, no input names something the model does not read, and every macro it overrides exists.
/// </summary>
public static class UnitTestValidator
{
    public static ImmutableArray<UnitTestSpec> Validate(IEnumerable<UnitTestSpec> tests, IReadOnlyList<ProjectNode> nodes, ISet<string> disabled,
        Templating.MacroLibrary macros)
    {
        var errors = new List<Diagnostic>();
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var valid = ImmutableArray.CreateBuilder<UnitTestSpec>();
        foreach (var group in tests.GroupBy(t => t.UniqueId).Where(g => g.Count() > 1))
            errors.Add(new Diagnostic($"two unit tests of '{group.First().Model}' are named '{group.First().Name}'", group.Last().File, group.Last().Line));
        foreach (var test in tests)
        {
            if (!byName.TryGetValue(test.Model, out var model) || model.Kind != NodeKind.Model)
            {
                if (!disabled.Contains(test.Model))
                    errors.Add(new Diagnostic($"unit test '{test.Name}' is for '{test.Model}', which is not a model of this project."
                        + Suggestions.DidYouMean(test.Model, byName.Keys), test.File, test.Line));
                continue; // a disabled model's unit tests are disabled with it
            }
            // A macro override names a macro: a misspelt one would leave the real macro in place and the test reading it.
            foreach (var (name, over) in (test.Macros ?? ImmutableDictionary<string, MacroOverride>.Empty).Where(m => !macros.IsCallable(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal))
                errors.Add(new Diagnostic($"unit test '{test.Name}' overrides '{name}', which is not a macro of this project."
                    + Suggestions.DidYouMean(name, macros.Macros.Keys.Append("is_incremental")), test.File, over.Line));
            var refs = model.Refs.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var sources = model.Sources.Select(s => $"{s.Name}.{s.Table}").ToHashSet(StringComparer.Ordinal);
            foreach (var input in test.Given)
            {
                var reads = input.Kind switch
                {
                    UnitInputKind.Ref => refs.Contains(input.Name),
                    UnitInputKind.Source => sources.Contains($"{input.Name}.{input.Table}"),
                    _ => true,
                };
                if (!reads)
                    errors.Add(new Diagnostic($"unit test '{test.Name}' gives rows for {input.Input}, which '{test.Model}' does not read "
                        + $"(it reads {Describe(refs, sources)})", test.File, input.Line));
            }
            foreach (var missing in refs.Where(r => !test.Given.Any(g => g.Kind == UnitInputKind.Ref && g.Name == r)).Order(StringComparer.Ordinal))
                errors.Add(new Diagnostic($"unit test '{test.Name}' needs rows for ref('{missing}'), which '{test.Model}' reads (rows: [] for none)", test.File, test.Line));
            foreach (var missing in sources.Where(s => !test.Given.Any(g => g.Kind == UnitInputKind.Source && $"{g.Name}.{g.Table}" == s)).Order(StringComparer.Ordinal))
            {
                var parts = missing.Split('.', 2);
                errors.Add(new Diagnostic($"unit test '{test.Name}' needs rows for source('{parts[0]}', '{parts[1]}'), which '{test.Model}' reads (rows: [] for none)",
                    test.File, test.Line));
            }
            valid.Add(test);
        }
        if (errors.Count > 0) throw new ProjectException(errors);
        return valid.ToImmutable();
    }

    private static string Describe(IEnumerable<string> refs, IEnumerable<string> sources)
    {
        var all = refs.Select(r => $"ref('{r}')").Concat(sources.Select(s => $"source('{s.Replace(".", "', '")}')")).ToList();
        return all.Count == 0 ? "nothing" : string.Join(", ", all);
    }
}
