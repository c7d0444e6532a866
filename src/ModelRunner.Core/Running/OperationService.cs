using System.Collections;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>What `run-operation` ran: the SQL the macro rendered, and the rows of its last statement when it returns any.</summary>
public sealed record OperationResult(string Sql, QueryResult? Rows);

/// <summary>
/// `modelrunner run-operation MACRO --args '{…}'`, as dbt's: a macro of the project (or its engine's variant) is called
/// with the arguments named as its parameters, and the SQL it returns runs against the target, under the run lock, as
/// a hook would (refs, sources and vars resolve; MODELRUNNER_SECRET_ variables may be read).
/// </summary>
public sealed class OperationService
{
    public OperationResult Run(Workspace workspace, string macroName, IReadOnlyDictionary<string, object?> arguments)
    {
        var macro = Find(workspace, macroName);
        var parameters = macro.Function.Parameters?.Select(p => p.Name?.Name ?? "").ToList() ?? [];
        var unknown = arguments.Keys.Where(k => !parameters.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ProjectException($"macro '{macroName}' has no parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))}; "
                + $"its parameters: {(parameters.Count == 0 ? "none" : string.Join(", ", parameters))}.{Suggestions.DidYouMean(unknown[0], parameters)}", macro.File, macro.Line);
        var missing = parameters.Where(p => !arguments.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            throw new ProjectException($"macro '{macroName}' needs {string.Join(", ", missing.Select(m => $"'{m}'"))} in --args, e.g. --args '{{{missing[0]}: …}}'",
                macro.File, macro.Line);

        var call = "{{ " + macroName + string.Concat(parameters.Select(p => " " + Literal(arguments[p]))) + " }}";
        using var runLock = RunLock.Acquire(workspace.Artifacts.TargetDirectory, workspace.Target.Name);
        // A macro may change any table: no package is reused until a run of it has recorded its state again.
        ReuseRecords.Clear(workspace.Artifacts.TargetDirectory);
        using var engine = workspace.Connect();
        using var session = engine.OpenSession();
        var compiler = workspace.CreateCompiler(RelationCatalog.FromSession(session), fullRefresh: false);
        var sql = compiler.RenderProjectHook(new RunHook(call, $"run-operation {macroName}", "--args", null)).Trim();
        if (sql.Length == 0) return new OperationResult(sql, null);
        var statements = SplitLast(sql);
        if (statements.Before.Length > 0) session.Execute(statements.Before);
        if (ReturnsRows(statements.Last)) return new OperationResult(sql, session.Query(statements.Last));
        session.Execute(statements.Last);
        return new OperationResult(sql, null);
    }

    /// <summary>The macro called by that name: the target engine's variant, the plain one, or the default variant (dbt's dispatch).</summary>
    private static MacroDefinition Find(Workspace workspace, string name)
    {
        var macros = workspace.Templates.Macros.Macros;
        foreach (var candidate in new[] { $"{workspace.Target.Type}__{name}", name, $"default__{name}" })
            if (macros.TryGetValue(candidate, out var macro)) return macro;
        throw new ProjectException($"unknown macro '{name}'.{Suggestions.DidYouMean(name, macros.Keys.Where(k => !k.Contains("__", StringComparison.Ordinal)))}");
    }

    /// <summary>A value from --args as a Scriban literal.</summary>
    private static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"",
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"\"{k}\": {Literal(map[k])}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Literal)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Literal(value.ToString()),
    };

    /// <summary>The rendered SQL as everything before its last statement and the last statement (split on the last top-level ';').</summary>
    private static (string Before, string Last) SplitLast(string sql)
    {
        var trimmed = sql.TrimEnd().TrimEnd(';');
        var split = LastStatementStart(trimmed);
        return split < 0 ? ("", trimmed) : (trimmed[..split], trimmed[(split + 1)..].Trim());
    }

    /// <summary>The last ';' outside quotes and comments, or -1.</summary>
    private static int LastStatementStart(string sql)
    {
        var last = -1;
        for (var i = 0; i < sql.Length; i++)
        {
            switch (sql[i])
            {
                case '\'' or '"' or '`':
                    var quote = sql[i];
                    i++;
                    while (i < sql.Length && sql[i] != quote) i++;
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    while (i < sql.Length && sql[i] != '\n') i++;
                    break;
                case ';':
                    last = i;
                    break;
            }
        }
        return last;
    }

    private static bool ReturnsRows(string statement)
    {
        var words = statement.TrimStart('(', ' ', '\n', '\t', '\r');
        return words.StartsWith("select", StringComparison.OrdinalIgnoreCase) || words.StartsWith("with", StringComparison.OrdinalIgnoreCase)
            || words.StartsWith("show", StringComparison.OrdinalIgnoreCase) || words.StartsWith("describe", StringComparison.OrdinalIgnoreCase)
            || words.StartsWith("values", StringComparison.OrdinalIgnoreCase);
    }
}
