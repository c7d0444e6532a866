using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>
/// A template function taking between <c>min</c> and <c>max</c> positional arguments.
/// Errors thrown inside are reported by Scriban with the file:line:col of the call.
/// </summary>
public sealed class TemplateFunction : IScriptCustomFunction
{
    private readonly string _name;
    private readonly int _min;
    private readonly int _max;
    private readonly Func<ScriptNode?, IReadOnlyList<object?>, object?> _body;

    public TemplateFunction(string name, int min, int max, Func<ScriptNode?, IReadOnlyList<object?>, object?> body)
    {
        _name = name; _min = min; _max = max; _body = body;
    }

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count < _min || arguments.Count > _max)
        {
            var expected = _min == _max ? $"{_min}" : $"{_min} to {_max}";
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan,
                $"'{_name}' takes {expected} argument(s), got {arguments.Count}");
        }
        try
        {
            return _body(callerContext, arguments.ToList());
        }
        catch (TemplateFunctionException e)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan, e.Message);
        }
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => _min;
    public int ParameterCount => _max;
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;
    public Type ReturnType => typeof(object);
    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), $"arg{index}");
}

/// <summary>Thrown by a template function body; turned into a diagnostic at the call site.</summary>
public sealed class TemplateFunctionException(string message) : Exception(message);
