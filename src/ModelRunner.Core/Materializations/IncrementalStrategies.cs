using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>How new rows (already built into a scratch relation) are applied to an existing incremental table.</summary>
public interface IIncrementalStrategy
{
    string Name { get; }
    IReadOnlyList<string> Statements(MaterializationContext context, Relation newRows, IReadOnlyList<string> columns);

    /// <summary>What the strategy needs of the config and the engine, checked when the project loads.</summary>
    IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities) => [];
}

/// <summary>MERGE on one or more unique_key columns: matching rows updated, new rows inserted.</summary>
public sealed class MergeStrategy : IIncrementalStrategy
{
    public string Name => "merge";

    public IReadOnlyList<string> Statements(MaterializationContext context, Relation newRows, IReadOnlyList<string> columns)
    {
        if (!context.Capabilities.SupportsMerge)
            throw new MaterializationException("this engine has no MERGE; use incremental_strategy: delete+insert");
        return new[] { context.Dialect.Merge(context.Relation, newRows, Keys.Required(context, Name), columns, Keys.Predicates(context)) };
    }

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        if (config.UniqueKey.IsDefaultOrEmpty) yield return $"incremental_strategy {Name} needs unique_key (one column or a list)";
        if (!capabilities.SupportsMerge) yield return "this engine has no MERGE; use incremental_strategy: delete+insert";
    }
}

/// <summary>Deletes the target rows whose unique_key is among the new rows, then inserts the new rows.</summary>
public sealed class DeleteInsertStrategy : IIncrementalStrategy
{
    public string Name => "delete+insert";

    public IReadOnlyList<string> Statements(MaterializationContext context, Relation newRows, IReadOnlyList<string> columns) =>
        context.Dialect.DeleteInsert(context.Relation, newRows, Keys.Required(context, Name), columns, Keys.Predicates(context));

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        if (config.UniqueKey.IsDefaultOrEmpty) yield return $"incremental_strategy {Name} needs unique_key (one column or a list)";
    }
}

/// <summary>Inserts the new rows as they are.</summary>
public sealed class AppendStrategy : IIncrementalStrategy
{
    public string Name => "append";

    public IReadOnlyList<string> Statements(MaterializationContext context, Relation newRows, IReadOnlyList<string> columns) =>
        new[] { context.Dialect.InsertInto(context.Relation, newRows, columns) };
}

/// <summary>Replaces the partitions (values of partition_by, e.g. days) present in the new rows.</summary>
public sealed class InsertOverwriteStrategy : IIncrementalStrategy
{
    public string Name => "insert_overwrite";

    public IReadOnlyList<string> Statements(MaterializationContext context, Relation newRows, IReadOnlyList<string> columns)
    {
        var partitions = context.Node.Node.Config.PartitionBy;
        if (partitions.IsDefaultOrEmpty)
            throw new MaterializationException("incremental_strategy insert_overwrite needs partition_by (the column(s) whose values are replaced)");
        if (!context.Capabilities.SupportsReplaceWhere)
            return context.Dialect.InsertOverwrite(context.Relation, newRows, partitions, columns);
        // REPLACE WHERE takes a literal predicate: the partition values present in the new rows, read first.
        var list = string.Join(", ", partitions.Select(context.Dialect.QuoteIdentifier));
        var values = context.Session.Query($"select distinct {list} from {context.Dialect.Render(newRows)}").Rows;
        return [context.Dialect.InsertReplaceWhere(context.Relation, newRows, partitions, values, columns)];
    }

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        if (config.PartitionBy.IsDefaultOrEmpty)
            yield return "incremental_strategy insert_overwrite needs partition_by (the column(s) whose values are replaced)";
    }
}

internal static class Keys
{
    /// <summary>incremental_predicates: extra conditions on which target rows a merge or delete+insert may touch.</summary>
    public static IReadOnlyList<string> Predicates(MaterializationContext context) =>
        context.Node.Node.Config.GetStrings("incremental_predicates");

    public static IReadOnlyList<string> Required(MaterializationContext context, string strategy)
    {
        var keys = context.Node.Node.Config.UniqueKey;
        if (keys.IsDefaultOrEmpty)
            throw new MaterializationException($"incremental_strategy {strategy} needs unique_key (one column or a list)");
        return keys;
    }
}
