using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>One macro: a Scriban function defined in a file under macros/.</summary>
public sealed record MacroDefinition(string Name, string File, int Line, ScriptFunction Function, StaticScan Scan);

/// <summary>
/// The project's macros. A macro may have variants per engine, named <c>&lt;engine&gt;__name</c> and
/// <c>default__name</c> (dbt's dispatch convention); calling <c>name</c> picks the variant of the target's
/// engine, then a plain <c>name</c>, then <c>default__name</c>.
/// </summary>
public sealed class MacroLibrary
{
    public static readonly MacroLibrary Empty = new(ImmutableDictionary<string, MacroDefinition>.Empty);

    // Called name → the macros it can reach (the name itself and its engine variants), built once: the
    // reachability walk runs for every model, so it must not scan all macros per name.
    private readonly Dictionary<string, MacroDefinition[]> _variants;

    private MacroLibrary(ImmutableDictionary<string, MacroDefinition> macros)
    {
        Macros = macros;
        _variants = macros.Values
            .SelectMany(m => new[] { (Key: m.Name, Macro: m) }.Concat(BaseName(m.Name) is { } b ? new[] { (Key: b, Macro: m) } : []))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Macro).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public ImmutableDictionary<string, MacroDefinition> Macros { get; }

    /// <summary>The macros ModelRunner ships (the generic data tests); a project macro of the same name replaces one.</summary>
    public static IEnumerable<(string Text, string DisplayPath)> BuiltIns()
    {
        using var stream = typeof(MacroLibrary).Assembly.GetManifestResourceStream("ModelRunner.generic_tests.sql")!;
        using var reader = new StreamReader(stream);
        yield return (reader.ReadToEnd(), "<modelrunner>/generic_tests.sql");
    }

    /// <summary>
    /// Loads the built-in macros, then the project's, path by path (<paramref name="files"/> carry the index of their
    /// macro path). A macro in a later macro path replaces one of the same name in an earlier path or a built-in — how a
    /// project overrides a package's macro without editing it; within one path a name may be defined once.
    /// </summary>
    public static MacroLibrary LoadWithBuiltIns(IEnumerable<(string FullPath, string DisplayPath, int Layer)> files) =>
        Load(BuiltIns().Select(b => (Text: (Func<string>)(() => b.Text), b.DisplayPath, Layer: -1))
            .Concat(files.Select(f => (Text: (Func<string>)(() => Project.TextFiles.Read(f.FullPath, f.DisplayPath)), f.DisplayPath, f.Layer))));

    private static MacroLibrary Load(IEnumerable<(Func<string> Text, string DisplayPath, int Layer)> files)
    {
        var macros = new Dictionary<string, MacroDefinition>(StringComparer.Ordinal);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        foreach (var (text, displayPath, layer) in files)
        {
            try
            {
                var parsed = ParsedTemplate.Parse(text(), displayPath);
                foreach (var defined in FunctionsOf(parsed.Page))
                {
                    var function = WithOwnVariables(defined);
                    var name = ((ScriptVariable)function.NameOrDoToken!).Name;
                    var definition = new MacroDefinition(name, displayPath, function.Span.Line1(), function,
                        StaticScanner.Scan(function.Body!, displayPath));
                    if (layers.TryGetValue(name, out var earlier) && earlier < layer) macros.Remove(name);
                    layers[name] = layer;
                    if (macros.TryGetValue(name, out var existing))
                        errors.Add(new Diagnostic($"macro '{name}' is defined twice (also at {existing.File}:{existing.Line})",
                            displayPath, definition.Line));
                    else macros[name] = definition;
                }
                CheckOnlyDefinitions(parsed, errors);
            }
            catch (ProjectException e) { errors.AddRange(e.Diagnostics); }
        }
        if (errors.Count > 0) throw new ProjectException(errors);
        return new MacroLibrary(macros.ToImmutableDictionary(StringComparer.Ordinal));
    }

    /// <summary>The functions callable by name for a target of <paramref name="engineType"/>, dispatch applied.</summary>
    public ScriptObject BindFor(string engineType)
    {
        var scope = new ScriptObject();
        foreach (var (name, macro) in Macros) scope[name] = macro.Function;
        foreach (var baseName in DispatchedNames())
        {
            var chosen = Find($"{engineType}__{baseName}") ?? Find(baseName) ?? Find($"default__{baseName}");
            if (chosen is not null) scope[baseName] = chosen.Function;
        }
        return scope;
    }

    /// <summary>Whether <paramref name="name"/> can be called: a macro of that name or an engine variant of it.</summary>
    public bool IsCallable(string name) => _variants.ContainsKey(name);

    /// <summary>Every macro reachable from the given called names, all engine variants included.</summary>
    public IEnumerable<MacroDefinition> Reachable(IEnumerable<string> calledNames)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(calledNames);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            foreach (var macro in Variants(name))
            {
                if (!seen.Add(macro.Name)) continue;
                yield return macro;
                foreach (var next in macro.Scan.CalledNames) queue.Enqueue(next);
            }
        }
    }

    private IEnumerable<MacroDefinition> Variants(string name) =>
        _variants.TryGetValue(name, out var variants) ? variants : [];

    /// <summary><c>duckdb__add_days</c> → <c>add_days</c>; null for a name without an engine prefix.</summary>
    private static string? BaseName(string name)
    {
        var split = name.IndexOf("__", StringComparison.Ordinal);
        return split > 0 && split + 2 < name.Length ? name[(split + 2)..] : null;
    }

    private IEnumerable<string> DispatchedNames() => Macros.Keys.Select(BaseName).OfType<string>().Distinct();

    private MacroDefinition? Find(string name) => Macros.TryGetValue(name, out var m) ? m : null;

    private static IEnumerable<ScriptFunction> FunctionsOf(ScriptNode node)
    {
        if (node is ScriptFunction { NameOrDoToken: ScriptVariable } f) { yield return f; yield break; }
        foreach (var child in node.Children)
            if (child is not null)
                foreach (var found in FunctionsOf(child)) yield return found;
    }

    /// <summary>
    /// The variables a macro assigns (or captures into) are its own, as a Jinja macro's <c>set</c> is: a plain
    /// <c>x = …</c> in a Scriban function sets the calling template's <c>x</c>, so a model's own variable of that name
    /// would change under it (a macro's <c>yauaa</c> list once overwrote the page views' list of the same name). They
    /// become local variables (Scriban's <c>$x</c>, kept for the call), everywhere in the function.
    /// </summary>
    private static ScriptFunction WithOwnVariables(ScriptFunction function)
    {
        var parameters = function.Parameters?.Select(p => p.Name?.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var own = Descendants(function.Body!)
            .Select(node => node switch
            {
                ScriptAssignExpression { Target: ScriptVariableGlobal v } => v.Name,
                ScriptCaptureStatement { Target: ScriptVariableGlobal v } => v.Name,
                _ => null,
            })
            .OfType<string>()
            .Where(name => !parameters.Contains(name))
            .ToHashSet(StringComparer.Ordinal);
        return own.Count == 0 ? function : (ScriptFunction)new OwnVariablesRewriter(own).Visit(function);
    }

    private static IEnumerable<ScriptNode> Descendants(ScriptNode node)
    {
        foreach (var child in node.Children)
            if (child is not null)
            {
                yield return child;
                foreach (var below in Descendants(child)) yield return below;
            }
    }

    private sealed class OwnVariablesRewriter(HashSet<string> names) : ScriptRewriter
    {
        public override ScriptNode Visit(ScriptVariableGlobal node) =>
            names.Contains(node.Name) ? new ScriptVariableLocal(node.Name) { Span = node.Span } : base.Visit(node);
    }

    /// <summary>A macro file holds function definitions only; stray statements would never run.</summary>
    private static void CheckOnlyDefinitions(ParsedTemplate parsed, List<Diagnostic> errors)
    {
        foreach (var statement in parsed.Page.Body!.Statements)
        {
            switch (statement)
            {
                case ScriptFunction:
                case ScriptEscapeStatement:
                case ScriptNopStatement:
                case ScriptRawStatement: // text outside {{ }} in a macro file is documentation, ignored
                    continue;
                default:
                    errors.Add(new Diagnostic("a macro file may only define functions (func name(args) … end)",
                        parsed.DisplayPath, statement.Span.Line1(), statement.Span.Column1()));
                    break;
            }
        }
    }
}
