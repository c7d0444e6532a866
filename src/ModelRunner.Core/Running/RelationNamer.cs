using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>
/// Where a node is built. As in dbt: a custom <c>schema</c> config is appended to the target schema
/// (<c>analytics</c> + <c>derived</c> → <c>analytics_derived</c>), so developers sharing a warehouse never collide;
/// <c>alias</c> renames the identifier; <c>database</c> (catalog) overrides the target's. A run-scoped table goes to the
/// engine's run-scoped catalog when it has one (<see cref="EngineCapabilities.RunScopedCatalog"/>), under the same schema.
/// </summary>
public sealed class RelationNamer(TargetSettings target, string? runScopedCatalog = null)
{
    public Relation RelationOf(ProjectNode node)
    {
        var custom = node.Config.Schema;
        var schema = string.IsNullOrWhiteSpace(custom) ? target.Schema : $"{target.Schema}_{custom.Trim()}";
        var database = IsRunScoped(node) ? runScopedCatalog : node.Config.GetString("database") ?? target.Database;
        return new Relation(database, schema, node.Config.Alias ?? node.Name);
    }

    /// <summary>Whether the node's table exists only while the run that builds it lasts (on this engine).</summary>
    public bool IsRunScoped(ProjectNode node) => runScopedCatalog is not null && node.Kind == NodeKind.Model && node.Config.RunScoped;

    public Relation SourceRelation(SourceDefinition source, SourceTable table) =>
        new(source.Database ?? target.Database, source.Schema, table.Identifier);
}
