using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Json;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.Core.Templating;
using Spectre.Console;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner show`: run a model's compiled query (or an inline query) and print its first rows.</summary>
public static class ShowCommand
{
    private static readonly Option<string?> Inline = new("--inline") { Description = "A query to run instead of a model (refs allowed)" };
    private static readonly Option<int> Limit = new("--limit") { Description = "Rows to show (default 10; -1: every row, as dbt's)", DefaultValueFactory = _ => 10 };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "table (default), csv or json", DefaultValueFactory = _ => "table" };

    static ShowCommand()
    {
        Limit.Validators.Add(result =>
        {
            // Read from the token: a value that is not a number is the parser's own error, and asking for the converted
            // value then would throw instead of reporting it.
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var n) && n < -1)
                result.AddError($"--limit takes a number of rows, or -1 for every row (got {n})");
        });
        Inline.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
                result.AddError("--inline needs a query, e.g. --inline \"select * from {{ ref 'orders' }}\"");
        });
    }

    public static Command Create(CliContext context)
    {
        Output.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("show", "Print the first rows of a model's query (--select) or of an inline query (--inline)");
        foreach (var o in new Option[] { CommonOptions.Select, Inline, Limit, Output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var limit = parse.GetValue(Limit);
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var node = NodeToShow(parse, workspace);
            using var engine = workspace.Connect(readOnly: true);
            using var session = engine.OpenSession();
            var runScoped = workspace.Namer.IsRunScoped(node) ? node.Name : RunScopedReads.Among(workspace, node.Refs.Select(r => r.Name)).FirstOrDefault();
            var query = runScoped is not null
                ? TableInstead(workspace, node, runScoped, engine.Dialect, context.Error)
                : workspace.CreateCompiler(RelationCatalog.FromSession(session), fullRefresh: false).Compile(node).Sql;
            query = query.TrimEnd().TrimEnd(';');
            var result = session.Query(limit < 0 ? query : engine.Dialect.Limit(query, limit));
            Print(result, parse.GetValue(Output) ?? "table", context.Output, TerminalWidth(context.Environment));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// A model whose query reads a run-scoped table cannot run outside a run (the table is gone): its built relation is
    /// shown instead, saying so. A run-scoped model itself, or an inline query reading one, has nothing to show.
    /// </summary>
    private static string TableInstead(Workspace workspace, ProjectNode node, string runScoped, SqlDialect dialect, TextWriter notes)
    {
        const string Why = "which is run_scoped: its table exists only during the run that builds it";
        if (node.RelativePath == "--inline") throw new ProjectException($"the inline query reads '{runScoped}', {Why}", "--inline");
        if (runScoped == node.Name || node.IsEphemeral)
            throw new ProjectException($"'{node.Name}' {(runScoped == node.Name ? "is run_scoped" : $"reads '{runScoped}', which is run_scoped")}: "
                + "its table exists only during the run that builds it; show a model built from it", node.RelativePath, 0, 0, node.Name);
        var relation = dialect.Render(workspace.Namer.RelationOf(node));
        notes.WriteLine($"note: the query of '{node.Name}' reads '{runScoped}', {Why}; showing its table {relation} instead");
        return $"select * from {relation}";
    }

    private static ProjectNode NodeToShow(ParseResult parse, Workspace workspace)
    {
        var inline = parse.GetValue(Inline);
        if (inline is not null)
        {
            var template = ParsedTemplate.Parse(inline, "--inline");
            var node = new ProjectNode(NodeKind.Model, "inline_query", "--inline", "--inline", NodeConfig.Empty, template,
                template.Scan.Refs, template.Scan.Sources, null, ImmutableArray<ColumnSpec>.Empty, ImmutableArray<DataTestSpec>.Empty);
            foreach (var r in node.Refs.Where(r => !workspace.Dag.ByName.ContainsKey(r.Name)))
                throw new ProjectException($"unknown ref '{r.Name}'.{Suggestions.DidYouMean(r.Name, workspace.Dag.ByName.Keys)}", "--inline", r.Line, r.Column);
            return node;
        }
        var selected = workspace.Select(CommonOptions.Selected(parse, CommonOptions.Select), Array.Empty<string>());
        if (CommonOptions.Selected(parse, CommonOptions.Select).Count == 0 || selected.Length != 1)
            throw new ProjectException($"show needs exactly one model (--select name) or --inline \"SQL\"; the selection matched {selected.Length}");
        return selected[0];
    }

    /// <summary>The width to print tables for: COLUMNS when set, the terminal's when there is one, else 100.</summary>
    private static int TerminalWidth(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("COLUMNS", out var columns) && int.TryParse(columns, out var width) && width >= 20) return width;
        try { if (!Console.IsOutputRedirected && Console.WindowWidth >= 20) return Console.WindowWidth; }
        catch (IOException) { }
        return 100;
    }

    public static void Print(QueryResult result, string format, TextWriter output, int width = 100)
    {
        switch (format)
        {
            case "csv":
                output.WriteLine(string.Join(",", result.Columns.Select(Csv)));
                foreach (var row in result.Rows) output.WriteLine(string.Join(",", row.Select(v => Csv(Text(v)))));
                break;
            case "json":
                var rows = result.Rows.Select(r => result.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => JsonValue(x.Item2)));
                output.WriteLine(PlainJson.Serialize(rows));
                break;
            default:
                var cells = result.Rows.Select(r => r.Select(v => Cut(v is null ? "NULL" : Text(v), MaxCell)).ToArray()).ToList();
                // A table wider than the terminal would be squeezed to ellipses: each record then prints one column a line.
                var natural = result.Columns.Select((c, i) => Math.Max(c.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max()) + 3).Sum() + 1;
                if (natural > width) PrintRecords(result.Columns, cells, output, width);
                else
                {
                    var console = AnsiConsole.Create(new AnsiConsoleSettings
                    {
                        Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output),
                    });
                    console.Profile.Width = width;
                    var table = new Table();
                    foreach (var c in result.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
                    foreach (var row in cells) table.AddRow(row.Select(Markup.Escape).ToArray());
                    console.Write(table);
                }
                break;
        }
    }

    /// <summary>A value as JSON keeps its type: numbers as numbers, booleans as booleans; the rest as its text.</summary>
    private static object? JsonValue(object? value) => value switch
    {
        null or DBNull => null,
        bool or int or long or double or float or decimal => value,
        byte b => (int)b, sbyte b => (int)b, short n => (int)n, ushort n => (int)n, uint n => (long)n,
        ulong n => n <= long.MaxValue ? (long)n : (decimal)n,
        System.Numerics.BigInteger n => n >= (System.Numerics.BigInteger)decimal.MinValue && n <= (System.Numerics.BigInteger)decimal.MaxValue ? (decimal)n : n.ToString(CultureInfo.InvariantCulture),
        _ => Text(value),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        // BLOBs as DuckDB prints them (\xAB for bytes outside printable ASCII), not a .NET type name
        byte[] bytes => Blob(bytes),
        Stream stream => Blob(ReadAll(stream)),
        _ => value.ToString() ?? "", // nested values (lists, structs) arrive as the engine's text
    };

    private const int MaxCell = 40;

    /// <summary>Each record as `column | value` lines under a header, values cut to the width with an ellipsis.</summary>
    private static void PrintRecords(IReadOnlyList<string> columns, List<string[]> rows, TextWriter output, int width)
    {
        var nameWidth = Math.Min(columns.Max(c => c.Length), Math.Max(10, width / 3));
        var valueWidth = Math.Max(10, width - nameWidth - 3);
        for (var r = 0; r < rows.Count; r++)
        {
            output.WriteLine($"-[ record {r + 1} ]" + new string('-', Math.Max(0, Math.Min(width, nameWidth + 3 + valueWidth) - 14 - (r + 1).ToString(CultureInfo.InvariantCulture).Length)));
            for (var c = 0; c < columns.Count; c++)
                output.WriteLine($"{Cut(columns[c], nameWidth).PadRight(nameWidth)} | {Cut(rows[r][c], valueWidth)}");
        }
        if (rows.Count == 0) output.WriteLine("(no rows)");
    }

    /// <summary>A cell on one line, at most <paramref name="max"/> characters, an ellipsis where it was cut.</summary>
    private static string Cut(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private static string Blob(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"));

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Csv(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
