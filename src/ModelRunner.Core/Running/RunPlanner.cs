using System.Collections.Immutable;
using ModelRunner.Core.Graph;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Running;

/// <summary>
/// Orders a run's steps. Models and seeds wait for their parents; data tests wait for what they read; in
/// `build` a model also waits for its own unit tests and for the tests guarding its parents, so a failing
/// error-severity test skips everything downstream. With audit, a table or incremental model carries its own
/// tests (run against its staging relation) instead of having separate test steps.
/// </summary>
public static class RunPlanner
{
    public static ImmutableArray<PlanStep> Plan(Dag dag, IReadOnlyList<CompiledNode> nodes, IReadOnlyList<CompiledTest> tests,
        IReadOnlyList<UnitTestSpec> unitTests, bool gateOnTests, Func<CompiledNode, IReadOnlyList<CompiledTest>, AuditPlan?>? audit)
    {
        // An audited model carries the tests that read only it and its ancestors (what exists when its staging is built);
        // a test also reading a model built after it (a relationships test pointing downstream) runs as its own step.
        var audits = new Dictionary<string, AuditPlan>(StringComparer.Ordinal);
        if (audit is not null)
            foreach (var node in nodes)
            {
                var name = node.Node.Name;
                var upstream = dag.Ancestors(name).ToHashSet(StringComparer.Ordinal);
                var carried = tests.Where(t => t.Test.AttachedTo == name && t.Test.DependsOn.All(d => d == name || upstream.Contains(d))).ToList();
                if (audit(node, carried) is { } plan) audits[name] = plan;
            }
        var carriedIds = audits.Values.SelectMany(a => a.Tests).Select(t => t.Test.UniqueId).ToHashSet(StringComparer.Ordinal);
        var separateTests = tests.Where(t => !carriedIds.Contains(t.Test.UniqueId)).ToList();
        var guards = separateTests.Where(t => t.Test.AttachedTo is not null)
            .ToLookup(t => t.Test.AttachedTo!, StringComparer.Ordinal);
        var unitByModel = unitTests.ToLookup(u => u.Model, StringComparer.Ordinal);

        var downstream = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        bool ReadsDownstream(DataTestNode test, string name)
        {
            if (test.DependsOn.Contains(name)) return true;
            if (test.DependsOn.Length < 2) return false; // only the node it is attached to, an ancestor of this one
            if (!downstream.TryGetValue(name, out var below))
                downstream[name] = below = dag.Descendants(name).ToHashSet(StringComparer.Ordinal);
            return test.DependsOn.Any(below.Contains);
        }

        var steps = ImmutableArray.CreateBuilder<PlanStep>();
        foreach (var unit in unitTests) steps.Add(new UnitTestStep(unit));
        foreach (var node in nodes)
        {
            var name = node.Node.Name;
            var direct = dag.Parents.TryGetValue(name, out var ps) ? ps : ImmutableArray<string>.Empty;
            // An ephemeral parent is inlined into this model, so what it reads (through any chain of ephemerals) is read
            // here too: waited for even when the ephemeral model is not in the run (its reader selected alone, with the
            // run-scoped tables it reads added to the run).
            var parents = direct.Concat(dag.ReadThroughEphemerals(direct, n => !n.IsEphemeral).Select(n => n.Name)).Distinct().ToList();
            var keys = parents.Select(p => dag.ByName[p].UniqueId).ToList();
            if (gateOnTests)
            {
                // A test reading this node or one of its descendants (a relationships test pointing downstream) waits for
                // this node: it cannot also gate it.
                keys.AddRange(parents.SelectMany(p => guards[p]).Where(t => !ReadsDownstream(t.Test, name)).Select(t => t.Test.UniqueId));
                keys.AddRange(unitByModel[name].Select(u => u.UniqueId));
            }
            steps.Add(new ModelStep(node, keys.Distinct().ToImmutableArray(), audits.GetValueOrDefault(name)));
        }
        foreach (var test in separateTests)
            steps.Add(new DataTestStep(test, test.Test.DependsOn.Where(dag.ByName.ContainsKey).Select(d => dag.ByName[d].UniqueId).ToImmutableArray()));
        return steps.ToImmutable();
    }

    /// <summary>Models that write-audit-publish applies to: those built as a whole table (not views, ephemerals or seeds).</summary>
    public static bool IsAuditable(CompiledNode node) =>
        node.Node.Kind == Project.NodeKind.Model && node.Node.Config.Materialized is "table" or "incremental";
}
