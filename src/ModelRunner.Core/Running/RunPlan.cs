using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Running;

/// <summary>What the reporter shows of a step: its id, name, what kind of step it is and what it builds or checks.</summary>
public sealed record RunItem(string UniqueId, string Name, string Kind, string Target);

/// <summary>One step of a run, with the keys of the steps it waits for.</summary>
public abstract record PlanStep(string Key, ImmutableArray<string> Parents)
{
    public abstract RunItem Item { get; }
}

/// <summary>Builds a model or seed. With <paramref name="Audit"/>, builds it into staging and publishes it only if its tests pass.</summary>
public sealed record ModelStep(CompiledNode Node, ImmutableArray<string> Parents, AuditPlan? Audit = null)
    : PlanStep(Node.Node.UniqueId, Parents)
{
    public override RunItem Item => new(Node.Node.UniqueId, Node.Node.Name,
        $"{(Audit is null ? "" : "audited ")}{Node.Node.Config.Materialized}", Node.Relation.ToString());
}

/// <summary>Write-audit-publish for one model: where it is staged, and its tests compiled against the staging relation.</summary>
public sealed record AuditPlan(Relation Staging, ImmutableArray<CompiledTest> Tests, ImmutableArray<string> PreHooks, ImmutableArray<string> PostHooks);

public sealed record DataTestStep(CompiledTest Test, ImmutableArray<string> Parents) : PlanStep(Test.Test.UniqueId, Parents)
{
    public override RunItem Item => new(Test.Test.UniqueId, Test.Test.Name, "test", Test.Test.Name);
}

public sealed record UnitTestStep(UnitTestSpec Test) : PlanStep(Test.UniqueId, ImmutableArray<string>.Empty)
{
    public override RunItem Item => new(Test.UniqueId, Test.Name, "unit test", $"{Test.Model}::{Test.Name}");
}
