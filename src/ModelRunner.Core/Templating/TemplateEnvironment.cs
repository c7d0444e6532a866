using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>Run-wide inputs of rendering: variables, environment, clock.</summary>
public sealed record RenderOptions(
    ImmutableDictionary<string, object?> Vars,
    IReadOnlyDictionary<string, string> Environment,
    DateTimeOffset RunStartedAt,
    ImmutableDictionary<string, ImmutableDictionary<string, object?>>? PackageVars = null)
{
    /// <summary>The vars a node of <paramref name="package"/> reads (outside any package: the global vars).</summary>
    public ImmutableDictionary<string, object?> VarsFor(string? package) =>
        package is not null && PackageVars is not null && PackageVars.TryGetValue(package, out var vars) ? vars : Vars;
}

/// <summary>What one model sees besides the run-wide context: its refs, its own relation, its state.</summary>
public sealed record ModelScope(
    Func<string, object> Ref,
    Func<string, string, object> Source,
    object This,
    bool IsIncremental,
    Func<ScriptObject> Model, // built only for templates that read it
    IReadOnlyDictionary<string, object?>? Extra = null,
    string? Package = null, // a package's nodes and hooks read its vars
    bool IsHook = false, // hooks may read secret environment variables
    bool IsEmpty = false, // --empty: refs and sources read no rows
    Running.EventTimeWindow? Window = null); // a keyhole run's window (event_time_start, event_time_end)

/// <summary>
/// The small, strict template context shared by every render of a run: documented functions only,
/// unknown variables are errors with file:line:col, macros dispatched for the target's engine.
/// </summary>
public sealed class TemplateEnvironment
{
    private static readonly Lazy<ScriptObject> SharedBuiltins = new(CreateBuiltins);
    private readonly ScriptObject _runGlobals;
    private readonly System.Collections.Concurrent.ConcurrentBag<PooledContext> _contexts = new();
    private readonly ImmutableDictionary<string, TemplateFunction> _packageVarFunctions;
    private readonly TemplateFunction _hookEnvVar;

    public TemplateEnvironment(MacroLibrary macros, TargetSettings target, EngineCapabilities capabilities, RenderOptions options)
    {
        Options = options;
        Macros = macros;
        _runGlobals = macros.BindFor(target.Type);
        _runGlobals[TemplateGlobals.Var] = VarFunction(options.Vars);
        _packageVarFunctions = (options.PackageVars ?? ImmutableDictionary<string, ImmutableDictionary<string, object?>>.Empty)
            .ToImmutableDictionary(kv => kv.Key, kv => VarFunction(kv.Value), StringComparer.Ordinal);
        _runGlobals[TemplateGlobals.EnvVar] = EnvironmentFunctions.EnvVar(options.Environment, allowSecrets: false);
        _hookEnvVar = EnvironmentFunctions.EnvVar(options.Environment, allowSecrets: true);
        _runGlobals[TemplateGlobals.Target] = TargetObject(target, capabilities);
        // Outside a keyhole run (and where no node is rendered, as in a macro called alone) there is no window.
        _runGlobals[TemplateGlobals.EventTimeStart] = null;
        _runGlobals[TemplateGlobals.EventTimeEnd] = null;
        _runGlobals[TemplateGlobals.RunStartedAt] =
            options.RunStartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        // config is read statically before rendering; at render time it only has to print nothing.
        _runGlobals[TemplateGlobals.Config] = new TemplateFunction(TemplateGlobals.Config, 0, 0, (_, _) => null);
        _runGlobals[TemplateGlobals.RaiseError] = new TemplateFunction(TemplateGlobals.RaiseError, 1, 1,
            (_, a) => throw new TemplateFunctionException(Str(a[0])));
        _runGlobals.IsReadOnly = true;
    }

    public RenderOptions Options { get; }
    public MacroLibrary Macros { get; }

    /// <summary>Renders a model (or hook) template with its own scope.</summary>
    public string Render(ParsedTemplate template, ModelScope? scope, string nodeName)
    {
        var (context, locals) = RentContext();
        if (scope is not null)
        {
            locals[TemplateGlobals.Ref] = new TemplateFunction(TemplateGlobals.Ref, 1, 2, (_, a) => scope.Ref(Str(a[^1])));
            locals[TemplateGlobals.Source] = new TemplateFunction(TemplateGlobals.Source, 2, 2, (_, a) => scope.Source(Str(a[0]), Str(a[1])));
            locals[TemplateGlobals.This] = scope.This;
            locals[TemplateGlobals.IsIncremental] = scope.IsIncremental;
            locals[TemplateGlobals.IsEmpty] = scope.IsEmpty;
            locals[TemplateGlobals.EventTimeStart] = scope.Window?.StartText;
            locals[TemplateGlobals.EventTimeEnd] = scope.Window?.EndText;
            if (ReadsModel(template)) locals[TemplateGlobals.Model] = scope.Model();
            // A package's var shadows the run's: macros the node calls look it up in the same context, so they read it too.
            if (PackageVar(scope.Package) is { } packageVar) locals[TemplateGlobals.Var] = packageVar;
            if (scope.IsHook) locals[TemplateGlobals.EnvVar] = _hookEnvVar;
            // Values a generated template passes on (a data test's model and arguments).
            if (scope.Extra is not null) foreach (var (name, value) in scope.Extra) locals[name] = value;
        }
        context.PushGlobal(locals);
        try
        {
            var sql = template.Render(context);
            Return(context, locals);
            return sql;
        }
        catch (ScriptRuntimeException e)
        {
            throw new ProjectException(new Diagnostic(e.OriginalMessage, e.Span.FileName ?? template.DisplayPath,
                e.Span.Start.Line + 1, e.Span.Start.Column + 1, nodeName));
        }
    }

    /// <summary>
    /// Whether the template or a macro it calls names <c>model</c> (found statically, as refs are): the object holds
    /// the node's whole config, and building it for each of thousands of renders that never read it is not free.
    /// A deferred template (served by the partial-parse cache) is not parsed to find out.
    /// </summary>
    private bool ReadsModel(ParsedTemplate template)
    {
        if (template.KnownScan is not { } scan) return true;
        if (scan.CalledNames.Contains(TemplateGlobals.Model)) return true;
        foreach (var macro in Macros.Reachable(scan.CalledNames))
            if (macro.Scan.CalledNames.Contains(TemplateGlobals.Model)) return true;
        return false;
    }

    /// <summary>Evaluates a config argument statically: vars, env vars and target are available, refs are not.</summary>
    public object? Evaluate(ScriptExpression expression, string file, string nodeName, string? package = null)
    {
        // Literals (the common case) need no evaluation context.
        if (TryLiteral(expression, out var literal)) return literal;
        var (context, locals) = RentContext();
        if (PackageVar(package) is { } packageVar) locals[TemplateGlobals.Var] = packageVar;
        context.PushGlobal(locals);
        try
        {
            var value = ScriptValues.ToPlain(context.Evaluate(expression));
            Return(context, locals);
            return value;
        }
        catch (ScriptRuntimeException e)
        {
            throw new ProjectException(new Diagnostic(e.OriginalMessage, e.Span.FileName ?? file,
                e.Span.Start.Line + 1, e.Span.Start.Column + 1, nodeName));
        }
    }

    private static bool TryLiteral(ScriptExpression expression, out object? value)
    {
        switch (expression)
        {
            case ScriptLiteral literal:
                value = ScriptValues.ToPlain(literal.Value);
                return true;
            case ScriptArrayInitializerExpression array:
                var items = new List<object?>();
                foreach (var item in array.Values)
                {
                    if (!TryLiteral(item, out var v)) { value = null; return false; }
                    items.Add(v);
                }
                value = items;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>
    /// A context left as it was found by the render before (its own globals popped), or a new one, with the object
    /// that holds one render's own globals, emptied. A context costs some 20 KB to build and a compile renders
    /// thousands of models (a fresh globals object per render was 10 MB of a 10k-model compile's garbage); one that
    /// failed mid-render is never reused.
    /// </summary>
    private PooledContext RentContext() => _contexts.TryTake(out var pooled) ? pooled : new PooledContext(NewContext(), new ScriptObject());

    /// <summary>Pops and empties the globals a render pushed and puts the context back for the next render.</summary>
    private void Return(TemplateContext context, ScriptObject locals)
    {
        context.PopGlobal();
        locals.Clear();
        _contexts.Add(new PooledContext(context, locals));
    }

    private readonly record struct PooledContext(TemplateContext Context, ScriptObject Locals);

    private TemplateContext NewContext()
    {
        var context = new TemplateContext(SharedBuiltins.Value)
        {
            StrictVariables = true,
            // A member an object does not have (`this.identifer`) is an error, as an unknown variable is, not an empty string.
            EnableRelaxedMemberAccess = false,
            // Scriban cuts a rendered string at 1 MiB by default (and appends "..."): a large model would lose its end
            // silently. No limit.
            LimitToString = 0,
            OutputLimit = 0,
            LoopLimit = 1_000_000,
            RecursiveLimit = 200,
        };
        context.PushGlobal(_runGlobals);
        return context;
    }

    private TemplateFunction? PackageVar(string? package) =>
        package is not null && _packageVarFunctions.TryGetValue(package, out var function) ? function : null;

    private static TemplateFunction VarFunction(ImmutableDictionary<string, object?> vars) =>
        new(TemplateGlobals.Var, 1, 2, (_, a) => Var(vars, a));

    private static object? Var(ImmutableDictionary<string, object?> vars, IReadOnlyList<object?> args)
    {
        var name = Str(args[0]);
        if (vars.TryGetValue(name, out var value)) return ScriptValues.ToScript(value);
        if (args.Count > 1) return args[1];
        throw new TemplateFunctionException(
            $"variable '{name}' is not defined (set it under vars: in models.yml or with --vars, or give a default).{Suggestions.DidYouMean(name, vars.Keys)}");
    }

    private static string Str(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static ScriptObject TargetObject(TargetSettings target, EngineCapabilities capabilities)
    {
        var obj = new ScriptObject
        {
            ["name"] = target.Name,
            ["type"] = target.Type,
            ["schema"] = target.Schema,
            ["database"] = target.Database,
            ["threads"] = target.Threads,
            ["profile_name"] = target.Profile,
            ["list_index_base"] = capabilities.ListIndexBase,
        };
        obj.IsReadOnly = true;
        return obj;
    }

    // Only the modules templates may use, each built once: BuiltinFunctions builds every module (html, date, timespan
    // and include too) and copies them all (a 10k-model compile: 25 ms of CPU → 9 ms, while every render waits for it).
    private static ScriptObject CreateBuiltins()
    {
        var chosen = new ScriptObject();
        foreach (var name in TemplateGlobals.BuiltinModules) chosen[name] = BuiltinModule(name);
        chosen.IsReadOnly = true;
        return chosen;
    }

    private static object BuiltinModule(string name) => name switch
    {
        "array" => new ArrayFunctions(),
        "math" => new MathFunctions(),
        "object" => new ObjectFunctions(),
        "string" => new StringFunctions(),
        "regex" => new RegexFunctions(),
        "empty" or "blank" => EmptyScriptObject.Default,
        _ => throw new InvalidOperationException($"no Scriban module '{name}' is offered to templates"),
    };
}
