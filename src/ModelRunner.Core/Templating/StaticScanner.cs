using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>What a template references, found without rendering it.</summary>
public sealed record StaticScan(
    ImmutableArray<TemplateReference> Refs,
    ImmutableArray<TemplateReference> Sources,
    ImmutableArray<ConfigCall> Configs,
    ImmutableArray<string> CalledNames, // distinct, in order of first call: an array is far lighter than a set
    ImmutableArray<string> DefinedFunctions);

/// <summary>
/// Walks a Scriban syntax tree and collects calls to <c>ref</c>, <c>source</c> and <c>config</c>.
/// Their arguments must be literals, so that the DAG is known before anything renders
/// (dbt's static parser; a non-literal ref is an error rather than a silent runtime surprise).
/// </summary>
internal static class StaticScanner
{
    public static StaticScan Scan(ScriptNode root, string file)
    {
        var refs = ImmutableArray.CreateBuilder<TemplateReference>();
        var sources = ImmutableArray.CreateBuilder<TemplateReference>();
        var configs = ImmutableArray.CreateBuilder<ConfigCall>();
        var called = new List<string>();
        var defined = ImmutableArray.CreateBuilder<string>();
        var errors = new List<Diagnostic>();

        void Walk(ScriptNode? node, ScriptNode? parent)
        {
            if (node is null) return;
            switch (node)
            {
                case ScriptFunction { NameOrDoToken: ScriptVariable name }:
                    defined.Add(name.Name);
                    break;
                case ScriptFunctionCall call when call.Target is ScriptVariableGlobal target:
                    if (!called.Contains(target.Name)) called.Add(target.Name);
                    switch (target.Name)
                    {
                        case TemplateGlobals.Ref:
                            AddReference(call, 1, 2, refs, "ref \"model_name\"");
                            break;
                        case TemplateGlobals.Source:
                            AddReference(call, 2, 2, sources, "source \"source_name\" \"table_name\"");
                            break;
                        case TemplateGlobals.Config:
                            configs.Add(ReadConfig(call));
                            break;
                    }
                    break;
                case ScriptVariableGlobal variable:
                    if (!called.Contains(variable.Name)) called.Add(variable.Name);
                    if (variable.Name is TemplateGlobals.Ref or TemplateGlobals.Source
                        && !(parent is ScriptFunctionCall c && ReferenceEquals(c.Target, variable)))
                        errors.Add(new Diagnostic(
                            $"'{variable.Name}' must be called directly with literal names, e.g. {{{{ {variable.Name} \"name\" }}}}",
                            file, variable.Span.Line1(), variable.Span.Column1()));
                    break;
            }
            // Indexing avoids the iterator allocations of node.Children: this walk runs over every template.
            for (var i = 0; i < node.ChildrenCount; i++) Walk(node.GetChildren(i), node);
        }

        void AddReference(ScriptFunctionCall call, int min, int max, ImmutableArray<TemplateReference>.Builder into, string usage)
        {
            var positional = call.Arguments.Where(a => a is not ScriptNamedArgument).ToList();
            var literals = positional.Select(a => a is ScriptLiteral { Value: string s } ? s : null).ToList();
            if (positional.Count < min || positional.Count > max || literals.Any(l => l is null))
            {
                errors.Add(new Diagnostic(
                    $"the arguments of '{((ScriptVariable)call.Target!).Name}' must be string literals: {usage}",
                    file, call.Span.Line1(), call.Span.Column1()));
                return;
            }
            // ref "package" "model" is accepted as in dbt; the package part is ignored (one project).
            var (name, table) = ((ScriptVariable)call.Target!).Name == TemplateGlobals.Ref
                ? (literals[^1]!, (string?)null)
                : (literals[0]!, literals[1]);
            into.Add(new TemplateReference(name, table, file, call.Span.Line1(), call.Span.Column1()));
        }

        ConfigCall ReadConfig(ScriptFunctionCall call)
        {
            var args = ImmutableArray.CreateBuilder<(string, ScriptExpression)>();
            foreach (var argument in call.Arguments)
            {
                if (argument is ScriptNamedArgument { Name: not null, Value: not null } named) args.Add((named.Name.Name, named.Value));
                else errors.Add(new Diagnostic("config takes named arguments only, e.g. {{ config materialized: \"table\" }}",
                    file, argument.Span.Line1(), argument.Span.Column1()));
            }
            return new ConfigCall(args.ToImmutable(), call.Span.Line1(), call.Span.Column1());
        }

        Walk(root, null);
        if (errors.Count > 0) throw new ProjectException(errors);
        return new StaticScan(refs.ToImmutable(), sources.ToImmutable(), configs.ToImmutable(), called.ToImmutableArray(), defined.ToImmutable());
    }
}
