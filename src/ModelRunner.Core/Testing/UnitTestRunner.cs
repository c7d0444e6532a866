using System.Collections.Immutable;
using System.Diagnostics;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Runs unit tests offline, each in its own in-memory database of the offline engine (DuckDB), whatever the
/// production target: the inputs become tables, the model renders with its refs, sources and <c>this</c>
/// pointing at them (macros dispatched for the offline engine), and its rows are compared with the expected
/// ones as multisets, on the expected columns only.
/// </summary>
public sealed class UnitTestRunner(ProjectModel project, IEngineFactory offline, RenderOptions options)
{
    private const string InputSchema = "unit_test_inputs";

    private readonly TargetSettings _target = new("unit_test", "unit_test", offline.Type, "main", null, 1,
        ImmutableDictionary<string, object?>.Empty.Add("path", ":memory:"), "(unit tests)");

    public NodeResult Execute(UnitTestSpec test, int worker)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var node = project.FindNode(test.Model)!;
        var directory = Directory.CreateTempSubdirectory("modelrunner-unit-");
        using var engine = offline.Create(_target, project.RootDirectory);
        using var raw = engine.OpenSession();
        var session = new RecordingSession(raw);
        var where = $"unit test '{test.Name}' of '{test.Model}' ({test.File}:{test.Line})";
        NodeResult Result(NodeStatus status, string message, long? failures = null) =>
            new(test.UniqueId, test.Name, "unit_test", test.Model, status, null, message, clock.Elapsed, session.DatabaseTime,
                started, worker, null, session.Statements.ToImmutableArray(), failures);
        try
        {
            var dialect = engine.Dialect;
            session.Execute(dialect.CreateSchema(null, InputSchema));
            var inputs = test.Given.ToDictionary(Key, input => Load(input, node, session, dialect, directory.FullName));
            var thisRelation = inputs.GetValueOrDefault("this") ?? new Relation(null, InputSchema, "this__" + node.Name);
            string sql;
            try { sql = Render(test, node, inputs, thisRelation, dialect); }
            catch (ProjectException e) { return Result(NodeStatus.Error, $"{where}: the model does not render: {string.Join("; ", e.Diagnostics)}"); }

            var actual = new Relation(null, "main", "actual");
            try { session.Execute(dialect.CreateTableAs(actual, sql)); }
            catch (EngineException e) { return Result(NodeStatus.Error, $"{where}: the model's SQL failed on the test inputs: {e.Message}{Hint(e)}"); }

            var actualColumns = session.GetColumns(actual);
            var missing = test.Expect.Columns.Where(c => actualColumns.All(a => !a.Name.Equals(c, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing.Count > 0)
                return Result(NodeStatus.Fail, $"{where} failed: the model returns no column {string.Join(", ", missing.Select(m => $"'{m}'"))} "
                    + $"(it returns {string.Join(", ", actualColumns.Select(c => c.Name))})");
            var columns = test.Expect.Columns.Select(c => actualColumns.First(a => a.Name.Equals(c, StringComparison.OrdinalIgnoreCase))).ToList();
            var expected = new Relation(null, "main", "expected");
            var csv = Path.Combine(directory.FullName, "expected.csv");
            CsvRows.Write(test.Expect, columns.Select(c => c.Name).ToList(), csv);
            try { session.Execute(dialect.CreateTableAs(expected, dialect.ReadCsv(csv, columns.ToDictionary(c => c.Name, c => c.DataType))!)); }
            catch (EngineException e) { return Result(NodeStatus.Error, $"{where}: the expected rows do not fit the model's column types: {Conversion(e.Message)}"); }

            var list = string.Join(", ", columns.Select(c => dialect.QuoteIdentifier(c.Name)));
            var extra = session.Query($"select {list} from {dialect.Render(actual)} except all select {list} from {dialect.Render(expected)}");
            var absent = session.Query($"select {list} from {dialect.Render(expected)} except all select {list} from {dialect.Render(actual)}");
            if (extra.Rows.Count == 0 && absent.Rows.Count == 0) return Result(NodeStatus.Pass, "PASS", 0);
            var diff = RowDiff.Describe(columns.Select(c => c.Name).ToList(), absent.Rows, extra.Rows);
            return Result(NodeStatus.Fail, $"{where} failed: the rows differ from the expected rows\n{diff}", absent.Rows.Count + extra.Rows.Count);
        }
        catch (Exception e) when (e is EngineException or ProjectException)
        {
            return Result(NodeStatus.Error, $"{where}: {(e is ProjectException p ? string.Join("; ", p.Diagnostics) : e.Message)}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Key(UnitTestInput input) => input.Kind switch
    {
        UnitInputKind.Ref => "ref:" + input.Name,
        UnitInputKind.Source => $"source:{input.Name}.{input.Table}",
        _ => "this",
    };

    /// <summary>
    /// An input table: the given columns with types detected from the rows (or declared with data_type), plus
    /// declared columns the rows leave out, as typed NULLs.
    /// </summary>
    private Relation Load(UnitTestInput input, ProjectNode model, IEngineSession session, SqlDialect dialect, string directory)
    {
        var declared = DeclaredColumns(input, model).Where(c => c.DataType is not null).ToList();
        var relation = new Relation(null, InputSchema, Key(input).Replace(':', '_').Replace('.', '_'));
        var given = input.Rows.Columns;
        if (given.Length == 0 && declared.Count == 0)
            throw new ProjectException($"the input {input.Input} has no rows and no declared columns: give a row, "
                + "or declare its columns with data_type in a property file");
        var parts = new List<string>();
        if (given.Length > 0)
        {
            var csv = Path.Combine(directory, relation.Identifier + ".csv");
            CsvRows.Write(input.Rows, given, csv);
            var types = declared.Where(d => CsvRows.IndexOf(given, d.Name) >= 0).ToDictionary(d => given[CsvRows.IndexOf(given, d.Name)], d => d.DataType!);
            parts.Add($"select * from ({dialect.ReadCsv(csv, types)}) as given");
        }
        var nulls = declared.Where(d => CsvRows.IndexOf(given, d.Name) < 0)
            .Select(d => $"cast(null as {d.DataType}) as {dialect.QuoteIdentifier(d.Name)}").ToList();
        var sql = parts.Count == 0
            ? $"select {string.Join(", ", nulls)} where false"
            : nulls.Count == 0 ? parts[0] : $"select given_rows.*, {string.Join(", ", nulls)} from ({parts[0]}) as given_rows";
        session.Execute(dialect.CreateTableAs(relation, sql));
        return relation;
    }

    private IEnumerable<ColumnSpec> DeclaredColumns(UnitTestInput input, ProjectNode model) => input.Kind switch
    {
        UnitInputKind.Ref => project.FindNode(input.Name)?.Columns ?? [],
        UnitInputKind.Source => project.Sources.Where(s => s.Name == input.Name).SelectMany(s => s.Tables)
            .Where(t => t.Name == input.Table).SelectMany(t => t.Columns),
        _ => model.Columns,
    };

    private string Render(UnitTestSpec test, ProjectNode node, IReadOnlyDictionary<string, Relation> inputs, Relation thisRelation, SqlDialect dialect)
    {
        // The model's own vars (its package's, when it has one) with the test's on top.
        var environment = test.EnvVars is { Count: > 0 } envVars
            ? options.Environment.ToImmutableDictionary().SetItems(envVars) : options.Environment;
        var renderOptions = options with { Vars = options.VarsFor(node.Package).SetItems(test.Vars), PackageVars = null, Environment = environment };
        var templates = new TemplateEnvironment(project.Macros, _target, offline.Capabilities, renderOptions);
        var scope = new ModelScope(
            name => inputs.TryGetValue("ref:" + name, out var r) ? new TemplateRelation(r, dialect)
                : throw new TemplateFunctionException($"the unit test gives no rows for ref('{name}')"),
            (source, table) => inputs.TryGetValue($"source:{source}.{table}", out var s) ? new TemplateRelation(s, dialect)
                : throw new TemplateFunctionException($"the unit test gives no rows for source('{source}', '{table}')"),
            new TemplateRelation(thisRelation, dialect),
            test.IsIncremental,
            () => ModelCompiler.ModelObject(node),
            ModelCompiler.ProjectFunctions(project));
        // An overridden macro returns the test's value, whatever it is given, wherever it is called from (a render's own
        // globals stand above the macros, so the macros calling it find the override too).
        if (test.Macros is { Count: > 0 } macros)
            scope = scope with { Extra = (scope.Extra ?? ImmutableDictionary<string, object?>.Empty).ToImmutableDictionary()
                .SetItems(macros.Select(m => KeyValuePair.Create(m.Key, (object?)new TemplateFunction(m.Key, 0, 32, (_, _) => m.Value.Value)))) };
        return templates.Render(node.Template!, scope, node.Name);
    }

    /// <summary>
    /// DuckDB's reason an expected value does not fit its column, without the settings of the CSV file the expected rows
    /// were written to (a file of the runner's, not the user's).
    /// </summary>
    private static string Conversion(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, "converting column \"(?<column>[^\"]*)\"\\. Could not convert string \"(?<value>.*?)\" to '(?<type>[^']+)'")
            is { Success: true } m
            ? $"column {m.Groups["column"].Value}: \"{m.Groups["value"].Value}\" is not a {m.Groups["type"].Value}"
            : message.Split('\n')[0];

    private static string Hint(EngineException e) =>
        e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? "\n  (a column the model reads must be in the input rows, or declared with data_type in the property file of the input)"
            : "";
}
