using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Project;

/// <summary>
/// Checks data test declarations now, so a typo is found at load time rather than when tests run:
/// the test must be a built-in or a custom generic test macro (<c>test_&lt;name&gt;</c>), with its required arguments.
/// </summary>
public static class DataTestValidator
{
    /// <summary>Built-in generic tests and the arguments each requires (any one of a group).</summary>
    public static readonly IReadOnlyDictionary<string, string[][]> BuiltIns = new Dictionary<string, string[][]>
    {
        ["not_null"] = [],
        ["unique"] = [],
        ["accepted_values"] = [["values"]],
        ["relationships"] = [["to"], ["field"]],
        ["accepted_range"] = [["min_value", "max_value"]],
        ["expression_is_true"] = [["expression"]],
        ["unique_combination_of_columns"] = [["combination_of_columns"]],
    };

    public static IEnumerable<Diagnostic> Validate(DataTestSpec test, MacroLibrary macros, string owner)
    {
        if (BuiltIns.TryGetValue(test.Name, out var required))
        {
            foreach (var group in required)
                if (!group.Any(a => test.Arguments.ContainsKey(a) || Nested(test, a)))
                    yield return new Diagnostic($"test '{test.Name}' on '{owner}' needs the argument '{string.Join("' or '", group)}'", test.File, test.Line);
            if (test.Arguments.TryGetValue("severity", out var severity) && severity is string s && s is not ("warn" or "error"))
                yield return new Diagnostic($"severity must be 'warn' or 'error', not '{s}'", test.File, test.Line);
            yield break;
        }
        if (macros.Macros.ContainsKey("test_" + test.Name)) yield break;
        var known = BuiltIns.Keys.Concat(macros.Macros.Keys.Where(k => k.StartsWith("test_", StringComparison.Ordinal)).Select(k => k[5..]));
        yield return new Diagnostic($"unknown data test '{test.Name}' on '{owner}' (built-ins: {string.Join(", ", BuiltIns.Keys)}; "
            + $"custom tests are macros named test_<name>).{Suggestions.DidYouMean(test.Name, known)}", test.File, test.Line);
    }

    /// <summary>dbt 1.10 nests test arguments under <c>arguments:</c>.</summary>
    private static bool Nested(DataTestSpec test, string name) =>
        test.Arguments.TryGetValue("arguments", out var a) && a is IDictionary<string, object?> map && map.ContainsKey(name);
}
