using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>How new rows (already built into a scratch relation) are applied to an existing incremental table.</summary>
public interface IIncrementalStrategy
{
    string Name { get; }

    /// <summary>
    /// The steps applying <paramref name="newRows"/>: to <paramref name="columns"/> when the run knows them, else
    /// (<c>null</c>, a plan decided at run time) to every column by name, the table's schema evolving with
    /// on_schema_change append_new_columns or sync_all_columns.
    /// </summary>
    IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns);

    /// <summary>What the strategy needs of the config and the engine, checked when the project loads.</summary>
    IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities) => [];
}

/// <summary>MERGE on one or more unique_key columns: matching rows updated, new rows inserted.</summary>
public sealed class MergeStrategy : IIncrementalStrategy
{
    public string Name => "merge";

    public IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns)
    {
        if (!context.Capabilities.SupportsMerge)
            throw new MaterializationException("this engine has no MERGE; use incremental_strategy: delete+insert");
        var (dialect, keys, predicates) = (context.Dialect, Keys.Required(context, Name), Keys.Predicates(context));
        return [new SqlStep([columns is null
            ? dialect.MergeByName(context.Relation, newRows, keys, predicates, Keys.EvolvesSchema(context))
            : dialect.Merge(context.Relation, newRows, keys, columns, predicates)], Atomic: true)];
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

    public IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns)
    {
        var (dialect, keys, predicates) = (context.Dialect, Keys.Required(context, Name), Keys.Predicates(context));
        if (columns is null)
            return [new SqlStep([dialect.DeleteMatching(context.Relation, newRows, keys, predicates), dialect.InsertByName(context.Relation, newRows, Keys.EvolvesSchema(context))], Atomic: true)];
        return [new SqlStep(context.Capabilities.InsertReplaceOn
            ? [dialect.InsertReplaceOn(context.Relation, newRows, keys, columns, predicates)]
            : [.. dialect.DeleteInsert(context.Relation, newRows, keys, columns, predicates)], Atomic: true)];
    }

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        if (config.UniqueKey.IsDefaultOrEmpty) yield return $"incremental_strategy {Name} needs unique_key (one column or a list)";
    }
}

/// <summary>Inserts the new rows as they are.</summary>
public sealed class AppendStrategy : IIncrementalStrategy
{
    public string Name => "append";

    public IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns) =>
        [new SqlStep([columns is null
            ? context.Dialect.InsertByName(context.Relation, newRows, Keys.EvolvesSchema(context))
            : context.Dialect.InsertInto(context.Relation, newRows, columns)], Atomic: true)];
}

/// <summary>Replaces the partitions (values of partition_by, e.g. days) present in the new rows.</summary>
public sealed class InsertOverwriteStrategy : IIncrementalStrategy
{
    public string Name => "insert_overwrite";

    public IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns)
    {
        var partitions = context.Node.Node.Config.PartitionBy;
        if (partitions.IsDefaultOrEmpty)
            throw new MaterializationException("incremental_strategy insert_overwrite needs partition_by (the column(s) whose values are replaced)");
        var (dialect, relation) = (context.Dialect, context.Relation);
        if (columns is null)
            return [new SqlStep([dialect.DeletePartitions(relation, newRows, partitions), dialect.InsertByName(relation, newRows, Keys.EvolvesSchema(context))], Atomic: true)];
        if (!context.Capabilities.SupportsReplaceWhere)
            return [new SqlStep([.. dialect.InsertOverwrite(relation, newRows, partitions, columns)], Atomic: true)];
        // REPLACE WHERE takes a literal predicate: the partition values present in the new rows, read first.
        return [new ReadStep("the partitions of the new rows", session =>
        {
            var list = string.Join(", ", partitions.Select(dialect.QuoteIdentifier));
            var values = session.Query($"select distinct {list} from {dialect.Render(newRows)}").Rows;
            return [new SqlStep([dialect.InsertReplaceWhere(relation, newRows, partitions, values, columns)], Atomic: true)];
        })];
    }

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        if (config.PartitionBy.IsDefaultOrEmpty)
            yield return "incremental_strategy insert_overwrite needs partition_by (the column(s) whose values are replaced)";
    }
}

/// <summary>
/// A keyhole run's replacement of one window (dbt's microbatch): the target rows whose event_time lies in the window are
/// deleted and the new rows, computed from the window's inputs, inserted. Chosen by the run, not by config.
/// </summary>
public sealed class EventTimeWindowStrategy(string column, Running.EventTimeWindow window) : IIncrementalStrategy
{
    public string Name => "replace window";

    public IReadOnlyList<BuildStep> Apply(PlanContext context, Relation newRows, IReadOnlyList<string>? columns)
    {
        var (dialect, relation) = (context.Dialect, context.Relation);
        var delete = $"delete from {dialect.Render(relation)} where {dialect.QuoteIdentifier(column)} >= {dialect.TimestampLiteral(window.StartText)} "
            + $"and {dialect.QuoteIdentifier(column)} < {dialect.TimestampLiteral(window.EndText)}";
        return [new SqlStep([delete, columns is null
            ? dialect.InsertByName(relation, newRows, Keys.EvolvesSchema(context))
            : dialect.InsertInto(relation, newRows, columns)], Atomic: true)];
    }
}

internal static class Keys
{
    /// <summary>incremental_predicates: extra conditions on which target rows a merge or delete+insert may touch.</summary>
    public static IReadOnlyList<string> Predicates(PlanContext context) =>
        context.Node.Node.Config.GetStrings("incremental_predicates");

    /// <summary>Whether new columns of the new rows are added to the table (on_schema_change append_new_columns, sync_all_columns).</summary>
    public static bool EvolvesSchema(PlanContext context) =>
        context.Node.Node.Config.OnSchemaChange is "append_new_columns" or "sync_all_columns";

    public static IReadOnlyList<string> Required(PlanContext context, string strategy)
    {
        var keys = context.Node.Node.Config.UniqueKey;
        if (keys.IsDefaultOrEmpty)
            throw new MaterializationException($"incremental_strategy {strategy} needs unique_key (one column or a list)");
        return keys;
    }
}
