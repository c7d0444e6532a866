using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Materializations;

/// <summary>Everything a materialization needs to plan the build of one node.</summary>
/// <param name="Node">The node as compiled for <paramref name="Target"/> (for an existing table: its incremental rendering).</param>
/// <param name="Target">What is known of the node's relation.</param>
/// <param name="Into">Under `build --audit`, the staging relation built instead of the node's own.</param>
/// <param name="WhenTableExists">
/// For <see cref="TargetState.DecidedAtRunTime"/>: the node rendered as when its table exists (is_incremental true),
/// beside <paramref name="Node"/> rendered for a first build.
/// </param>
/// <param name="TableColumns">The columns of the existing table as the run listed its schema; null when not known.</param>
public sealed record PlanContext(
    CompiledNode Node,
    SqlDialect Dialect,
    EngineCapabilities Capabilities,
    TargetState Target,
    Relation? Into = null,
    CompiledNode? WhenTableExists = null,
    IReadOnlyList<ColumnInfo>? TableColumns = null)
{
    /// <summary>The relation to build: the node's own, or its staging relation under `build --audit`.</summary>
    public Relation Relation => Into ?? Node.Relation;

    /// <summary>The scratch relation a build writes before it is swapped in or merged.</summary>
    public Relation Scratch(string suffix) => Relation.WithIdentifier(Relation.Identifier + "__mr_" + suffix);

    /// <summary>
    /// Where an incremental build stages its new rows: a temp table of the session where the engine has them (its rows
    /// are not written to the database file and its log only to be copied and dropped), else a scratch table beside the target.
    /// </summary>
    public Relation NewRows => Capabilities.SessionTempTables ? Dialect.SessionTempRelation(Relation.Identifier + "__mr_new") : Scratch("new");

    /// <summary>Whether creating the new rows replaces a leftover of an earlier build by itself (no drop needed first).</summary>
    public bool NewRowsReplaceThemselves => !Capabilities.SessionTempTables && Capabilities.AtomicCreateOrReplaceTable;

    /// <summary>The new rows of an incremental build, in <c>cluster_by</c> order where the engine clusters so (see <see cref="Clustered"/>).</summary>
    public string CreateNewRows(string sql) =>
        Capabilities.SessionTempTables ? Dialect.CreateSessionTempTableAs(NewRows, Clustered(sql))
        : NewRowsReplaceThemselves ? Dialect.CreateOrReplaceTableAs(NewRows, Clustered(sql))
        : Dialect.CreateTableAs(NewRows, Clustered(sql));

    /// <summary>
    /// The query whose rows a table receives, ordered by the node's <c>cluster_by</c> where the engine clusters by the order
    /// rows are written in (<see cref="EngineCapabilities.ClusterByWriteOrder"/>); as it is elsewhere, and without cluster_by.
    /// New rows are appended in the order they are staged, so ordering the staged rows keeps the table clustered.
    /// </summary>
    public string Clustered(string sql)
    {
        var columns = TableOptions.From(Node.Node.Config).ClusterBy; // the one reading of the layout config
        if (!Capabilities.ClusterByWriteOrder || columns.IsDefaultOrEmpty) return sql;
        return $"select * from (\n{sql.TrimEnd()}\n) as clustered\norder by {string.Join(", ", columns.Select(Dialect.QuoteIdentifier))}";
    }
}

public sealed record MaterializationResult(long? Rows, string Message);

/// <summary>One way of turning a compiled query into a relation (view, table, incremental, …).</summary>
public interface IMaterialization
{
    string Name { get; }

    /// <summary>False for nodes that produce nothing in the database (ephemeral).</summary>
    bool Executes => true;

    /// <summary>The statements that build the node, for what is known of its relation.</summary>
    BuildPlan Plan(PlanContext context);

    /// <summary>
    /// What is wrong with a node's config for this materialization on an engine of these capabilities, each a message;
    /// checked when the project loads, so `compile` refuses what `run` would fail on.
    /// </summary>
    IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities) => [];
}

/// <summary>A config that a materialization cannot honour, such as a merge without unique_key.</summary>
public sealed class MaterializationException(string message) : Exception(message);
