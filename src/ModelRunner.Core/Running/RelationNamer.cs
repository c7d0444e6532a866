using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>
/// Where a node is built. As in dbt: a custom <c>schema</c> config is appended to the target schema
/// (<c>analytics</c> + <c>derived</c> → <c>analytics_derived</c>), so developers sharing a warehouse never collide;
/// <c>alias</c> renames the identifier; <c>database</c> (catalog) overrides the target's.
/// </summary>
public sealed class RelationNamer(TargetSettings target)
{
    public Relation RelationOf(ProjectNode node)
    {
        var custom = node.Config.Schema;
        var schema = string.IsNullOrWhiteSpace(custom) ? target.Schema : $"{target.Schema}_{custom.Trim()}";
        var database = node.Config.GetString("database") ?? target.Database;
        return new Relation(database, schema, node.Config.Alias ?? node.Name);
    }

    public Relation SourceRelation(SourceDefinition source, SourceTable table) =>
        new(source.Database ?? target.Database, source.Schema, table.Identifier);
}
