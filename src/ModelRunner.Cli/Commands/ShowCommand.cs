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
    private static readonly Option<int> Limit = new("--limit") { Description = "Rows to show (default 10)", DefaultValueFactory = _ => 10 };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "table (default), csv or json", DefaultValueFactory = _ => "table" };

    public static Command Create(CliContext context)
    {
        Output.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("show", "Print the first rows of a model's query (--select) or of an inline query (--inline)");
        foreach (var o in new Option[] { CommonOptions.Select, Inline, Limit, Output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var node = NodeToShow(parse, workspace);
            using var engine = workspace.Connect();
            using var session = engine.OpenSession();
            var compiled = workspace.CreateCompiler(RelationCatalog.FromSession(session), fullRefresh: false).Compile(node);
            var result = session.Query(engine.Dialect.Limit(compiled.Sql.TrimEnd().TrimEnd(';'), parse.GetValue(Limit)));
            Print(result, parse.GetValue(Output) ?? "table", context.Output);
            return ExitCodes.Success;
        });
        return command;
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

    public static void Print(QueryResult result, string format, TextWriter output)
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
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output),
                });
                var table = new Table();
                foreach (var c in result.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
                foreach (var row in result.Rows) table.AddRow(row.Select(v => Markup.Escape(v is null ? "NULL" : Text(v))).ToArray());
                console.Write(table);
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
