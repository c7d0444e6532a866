using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;
using ModelRunner.Core.Templating;
using Scriban.Runtime;

namespace ModelRunner.Core.Testing;

/// <summary>A data test rendered into the SQL selecting its failing rows.</summary>
public sealed record CompiledTest(DataTestNode Test, string Sql, string Relation);

/// <summary>
/// Renders data tests. Refs resolve to the relations models are built as, unless overridden: `build --audit`
/// points a model's own tests at its staging relation before publishing it.
/// </summary>
public sealed class TestCompiler(TemplateEnvironment templates, ModelCompiler models, SqlDialect dialect)
{
    public CompiledTest Compile(DataTestNode test, IReadOnlyDictionary<string, Relation>? overrides = null)
    {
        Relation RelationOf(string name) =>
            overrides is not null && overrides.TryGetValue(name, out var staged) ? staged : models.RelationOf(name);

        var tested = test.AttachedTo is { } attached ? RelationOf(attached)
            : test.AttachedSource is { } source ? models.SourceRelation(source.Source, source.Table)
            : null;
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (test.Kind == DataTestKind.Generic)
        {
            extra[DataTestFactory.ModelArgument] = test.Config.Where is { } where && tested is not null
                ? $"(select * from {dialect.Render(tested)} where {where}) dbt_subquery"
                : new TemplateRelation(tested!, dialect);
            foreach (var (name, value) in test.Arguments) extra[DataTestFactory.ArgumentVariable(name)] = ScriptValues.ToScript(value);
        }
        var model = new ScriptObject { ["name"] = test.Name, ["path"] = test.File, ["materialized"] = "test" };
        var scope = new ModelScope(
            name => test.DependsOn.Contains(name)
                ? new TemplateRelation(RelationOf(name), dialect)
                : throw new TemplateFunctionException($"ref '{name}' was not found statically in test '{test.Name}'; write it literally"),
            (source, table) => new TemplateRelation(models.SourceRelation(source, table), dialect),
            tested is null ? "" : new TemplateRelation(tested, dialect),
            false,
            model,
            extra);
        var sql = templates.Render(test.Template, scope, test.Name).Trim() + "\n";
        return new CompiledTest(test, sql, tested?.ToString() ?? test.Name);
    }
}
