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
        // With --empty, a test reads what the models read: no rows (so it checks its SQL and passes).
        var tested = test.AttachedTo is { } attached ? models.TestRef(attached, overrides)
            : test.AttachedSource is { } source ? models.AsQueried(new TemplateRelation(models.SourceRelation(source.Source, source.Table), dialect))
            : null;
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (test.Kind == DataTestKind.Generic)
        {
            extra[DataTestFactory.ModelArgument] = test.Config.Where is { } where
                ? $"(select * from {tested} where {where}) dbt_subquery"
                : tested;
            foreach (var (name, value) in test.Arguments) extra[DataTestFactory.ArgumentVariable(name)] = ScriptValues.ToScript(value);
        }
        var model = new ScriptObject { ["name"] = test.Name, ["path"] = test.File, ["materialized"] = "test" };
        var scope = new ModelScope(
            name => test.DependsOn.Contains(name)
                ? models.TestRef(name, overrides)
                : throw new TemplateFunctionException($"ref '{name}' was not found statically in test '{test.Name}'; write it literally"),
            (source, table) => models.AsQueried(new TemplateRelation(models.SourceRelation(source, table), dialect)),
            tested ?? "",
            false,
            () => model,
            extra);
        // Ephemeral models a test reads are inlined as CTEs, as in a model.
        var sql = models.InlineEphemerals(test.DependsOn, templates.Render(test.Template, scope, test.Name).Trim());
        return new CompiledTest(test, sql.Trim() + "\n", tested?.ToString() ?? test.Name);
    }
}
