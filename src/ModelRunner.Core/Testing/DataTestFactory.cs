using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Turns the data tests declared in property files and the singular test files into <see cref="DataTestNode"/>s,
/// checking each now (unknown test, missing argument, unknown ref), so a typo is found at load time.
/// A generic test becomes a one-line template calling its macro, scanned statically like a model: a
/// <c>to: ref('customers')</c> argument is a ref of the test, so the DAG knows the test reads customers.
/// </summary>
public sealed partial class DataTestFactory(ProjectFile projectFile, MacroLibrary macros, TemplateEnvironment templates)
{
    /// <summary>Built-in generic tests and the arguments each requires (any one of a group).</summary>
    private static readonly Dictionary<string, string[][]> Required = new(StringComparer.Ordinal)
    {
        ["not_null"] = [],
        ["unique"] = [["column_name", "combination_of_columns"]],
        ["accepted_values"] = [["values"]],
        ["relationships"] = [["to"], ["field"]],
        ["accepted_range"] = [["min_value", "max_value"]],
        ["expression_is_true"] = [["expression"]],
        ["unique_combination_of_columns"] = [["combination_of_columns"]],
    };

    /// <summary>The built-in tests' arguments that take a list: anything else would fail inside the test's macro instead.</summary>
    private static readonly (string Test, string Argument)[] ListArguments =
        [("accepted_values", "values"), ("unique", "combination_of_columns"), ("unique_combination_of_columns", "combination_of_columns")];

    public const string ModelArgument = "__model";

    public ImmutableArray<DataTestNode> Build(IReadOnlyList<ProjectNode> nodes, IReadOnlyList<SourceDefinition> sources,
        IEnumerable<(string FullPath, string DisplayPath)> singularFiles, ISet<string> disabled)
    {
        var errors = new List<Diagnostic>();
        var tests = new List<DataTestNode>();
        void Collect(Func<DataTestNode?> make)
        {
            try { if (make() is { } test) tests.Add(test); }
            catch (ProjectException e) { errors.AddRange(e.Diagnostics); }
        }
        foreach (var node in nodes)
        {
            foreach (var spec in node.Tests) Collect(() => Generic(spec, node.Name, null, null));
            foreach (var column in node.Columns)
                foreach (var spec in column.Tests) Collect(() => Generic(spec, node.Name, null, column.Name));
        }
        foreach (var source in sources)
            foreach (var table in source.Tables)
            {
                foreach (var spec in table.Tests) Collect(() => Generic(spec, null, (source.Name, table.Name), null));
                foreach (var column in table.Columns)
                    foreach (var spec in column.Tests) Collect(() => Generic(spec, null, (source.Name, table.Name), column.Name));
            }
        foreach (var file in singularFiles) Collect(() => Singular(file));
        if (errors.Count > 0) throw new ProjectException(errors);

        var known = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var test in tests)
            foreach (var name in test.DependsOn.Where(n => !known.Contains(n)))
                errors.Add(new Diagnostic(disabled.Contains(name)
                    ? $"test '{test.Name}' refers to '{name}', which is disabled (enabled: false)"
                    : $"test '{test.Name}' refers to '{name}', which is not a model or seed of this project.{Suggestions.DidYouMean(name, known)}",
                    test.File, test.Line));
        foreach (var group in tests.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new Diagnostic($"two data tests are named '{group.Key}' ({string.Join(" and ", group.Select(t => $"{t.File}:{t.Line}"))}); "
                + "give one a 'name:'", group.First().File, group.First().Line));
        if (errors.Count > 0) throw new ProjectException(errors);
        return tests.Where(t => t.Config.Enabled).OrderBy(t => t.Name, StringComparer.Ordinal).ToImmutableArray();
    }

    private DataTestNode Generic(DataTestSpec spec, string? model, (string Source, string Table)? source, string? column)
    {
        var owner = model ?? $"source {source!.Value.Source}.{source.Value.Table}";
        var (arguments, config, customName) = Split(spec);
        if (column is not null) arguments["column_name"] = column;
        column ??= arguments.GetValueOrDefault("column_name") as string;
        var macro = "test_" + spec.Name;
        if (!macros.IsCallable(macro))
        {
            var known = Required.Keys.Concat(macros.Macros.Keys.Where(k => k.StartsWith("test_", StringComparison.Ordinal)).Select(k => k[5..])).Distinct();
            throw new ProjectException($"unknown data test '{spec.Name}' on '{owner}' (built-ins: {string.Join(", ", Required.Keys)}; "
                + $"custom tests are macros named test_<name>).{Suggestions.DidYouMean(spec.Name, known)}", spec.File, spec.Line);
        }
        if (Required.TryGetValue(spec.Name, out var groups))
            foreach (var group in groups.Where(g => !g.Any(arguments.ContainsKey)))
                throw new ProjectException($"test '{spec.Name}' on '{owner}' needs the argument '{string.Join("' or '", group)}'", spec.File, spec.Line);
        foreach (var (_, argument) in ListArguments.Where(l => l.Test == spec.Name && arguments.ContainsKey(l.Argument) && arguments[l.Argument] is not List<object?>))
            throw new ProjectException($"test '{spec.Name}' on '{owner}': {argument} takes a list, e.g. {argument}: [a, b] (got '{arguments[argument]}')", spec.File, spec.Line);

        // Arguments that are refs or sources are written into the call, so the static scan sees them.
        var call = new StringBuilder("{{ ").Append(macro).Append(" model: ").Append(ModelArgument);
        var plain = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var (argument, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!IdentifierPattern().IsMatch(argument))
                throw new ProjectException($"'{argument}' is not a valid argument name for test '{spec.Name}'", spec.File, spec.Line);
            if (value is string text && RelationPattern().IsMatch(text)) call.Append(' ').Append(argument).Append(": (").Append(text.Trim()).Append(')');
            else
            {
                call.Append(' ').Append(argument).Append(": ").Append(ArgumentVariable(argument));
                plain[argument] = value;
            }
        }
        call.Append(" }}");
        var name = customName ?? DefaultName(spec.Name, model, source, column, arguments);
        var template = ParsedTemplate.Parse(call.ToString(), $"{spec.File} ({name})");
        var reachable = macros.Reachable(template.Scan.CalledNames).ToList();
        var refs = template.Scan.Refs.AddRange(reachable.SelectMany(m => m.Scan.Refs)).Select(r => r.Name);
        var dependsOn = (model is null ? refs : refs.Prepend(model)).Distinct().ToImmutableArray();
        var folders = FolderOf(spec.File);
        var testConfig = TestConfig.From(projectFile.DataTests.For(folders).With(config), spec.File, spec.Line);
        if (!spec.ColumnTags.IsEmpty) testConfig = testConfig with { Tags = testConfig.Tags.AddRange(spec.ColumnTags).Distinct().ToImmutableArray() };
        return new DataTestNode(name, DataTestKind.Generic, model, source, column, template, dependsOn, testConfig, spec.File, spec.Line)
            { Arguments = plain.ToImmutable() };
    }

    public static string ArgumentVariable(string name) => "__arg_" + name;

    private DataTestNode Singular((string FullPath, string DisplayPath) file)
    {
        var template = ParsedTemplate.Parse(File.ReadAllText(file.FullPath), file.DisplayPath);
        var name = Path.GetFileNameWithoutExtension(file.FullPath);
        var config = projectFile.DataTests.For(FolderOf(file.DisplayPath));
        foreach (var call in template.Scan.Configs)
            config = config.With(call.Arguments.Select(a =>
                new KeyValuePair<string, object?>(a.Name, templates.Evaluate(a.Value, file.DisplayPath, name))));
        var reachable = macros.Reachable(template.Scan.CalledNames).ToList();
        var refs = template.Scan.Refs.AddRange(reachable.SelectMany(m => m.Scan.Refs)).Select(r => r.Name).Distinct().ToImmutableArray();
        return new DataTestNode(name, DataTestKind.Singular, refs.Length == 1 ? refs[0] : null, null, null, template, refs,
            TestConfig.From(config, file.DisplayPath, 1), file.DisplayPath, 1);
    }

    /// <summary>Arguments for the macro, config (top-level config keys, <c>config:</c>), and a custom name.</summary>
    private static (Dictionary<string, object?> Arguments, Dictionary<string, object?> Config, string? Name) Split(DataTestSpec spec)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? name = null;
        foreach (var (key, value) in spec.Arguments)
        {
            switch (key)
            {
                case "name": name = value as string; break;
                case "description": break;
                case "config" when value is IDictionary<string, object?> map:
                    foreach (var (k, v) in map) config[NodeConfig.NormalizeKey(k)] = v;
                    break;
                // dbt 1.10 nests a test's arguments under `arguments:`.
                case "arguments" when value is IDictionary<string, object?> map:
                    foreach (var (k, v) in map) arguments[k] = v;
                    break;
                case var k when TestConfig.Keys.Contains(k): config[k] = value; break;
                default: arguments[key] = value; break;
            }
        }
        return (arguments, config, name);
    }

    /// <summary>dbt's naming: <c>not_null_orders_id</c>, <c>accepted_values_orders_status__placed__shipped</c>; hashed when long.</summary>
    private static string DefaultName(string test, string? model, (string Source, string Table)? source, string? column,
        IReadOnlyDictionary<string, object?> arguments)
    {
        var head = source is { } s ? $"source_{test}_{s.Source}_{s.Table}" : $"{test}_{model}";
        if (column is not null) head += "_" + column;
        var tail = arguments.Where(a => a.Key != "column_name").OrderBy(a => a.Key, StringComparer.Ordinal)
            .SelectMany(a => Flatten(a.Value)).Select(v => NonWord().Replace(v, "_")).ToList();
        var full = NonWord().Replace(head, "_") + (tail.Count == 0 ? "" : "__" + string.Join("__", tail));
        if (full.Length <= 80) return full;
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(full)))[..10];
        return full[..69] + "_" + hash;
    }

    private static IEnumerable<string> Flatten(object? value) => value switch
    {
        null => [],
        string s => [s],
        bool b => [b ? "true" : "false"],
        IDictionary<string, object?> map => map.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => Flatten(kv.Value)),
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(Flatten),
        _ => [Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!],
    };

    private IReadOnlyList<string> FolderOf(string displayPath) =>
        ProjectLoader.FoldersBelowPath(displayPath, projectFile.Settings.ModelPaths.Concat(projectFile.Settings.TestPaths));

    [GeneratedRegex(@"^\s*(ref|source)\s*\(.*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex RelationPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"[^A-Za-z0-9_]+")]
    private static partial Regex NonWord();
}
