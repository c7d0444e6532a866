using System.Collections.Immutable;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>
/// A table that, once built, only receives new rows: the query (rendered with is_incremental true) is built
/// into a scratch table, then applied by the configured strategy in one unit of work. The first run,
/// --full-refresh and <c>full_refresh: true</c> rebuild it like a table.
/// </summary>
public sealed class IncrementalMaterialization : IMaterialization
{
    private readonly ImmutableDictionary<string, IIncrementalStrategy> _strategies;

    public IncrementalMaterialization(IEnumerable<IIncrementalStrategy> strategies)
    {
        _strategies = strategies.ToImmutableDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "incremental";

    public IReadOnlyCollection<string> StrategyNames => _strategies.Keys.Order().ToList();

    public MaterializationResult Execute(MaterializationContext context)
    {
        var strategy = StrategyFor(context);
        if (!context.Node.IsIncremental) return TableBuilder.Build(context, context.Node.Sql);

        var (session, dialect, relation) = (context.Session, context.Dialect, context.Relation);
        if (context.Relations.KindOf(relation) != RelationKind.Table)
            throw new MaterializationException($"{relation} disappeared since the run started; run again");
        var newRows = context.NewRows;
        session.Execute(dialect.Drop(newRows, RelationKind.Table));
        try
        {
            session.Execute(context.CreateNewRows(context.Node.Sql));
            var columns = ReconcileColumns(context, newRows);
            var rows = TableBuilder.CountRows(session, dialect, newRows);
            session.ExecuteAtomically(strategy.Statements(context, newRows, columns));
            foreach (var statement in dialect.AfterBuild(relation, TableOptions.From(context.Node.Node.Config))) session.Execute(statement);
            return new MaterializationResult(rows, strategy.Name.ToUpperInvariant());
        }
        finally
        {
            TableBuilder.TryDrop(session, dialect, newRows);
        }
    }

    private IIncrementalStrategy StrategyFor(MaterializationContext context)
    {
        var name = StrategyName(context.Node.Node.Config, context.Capabilities);
        return _strategies.TryGetValue(name, out var strategy)
            ? strategy
            : throw new MaterializationException($"unknown incremental_strategy '{name}'; known: {string.Join(", ", StrategyNames)}");
    }

    /// <summary>The strategy named in the config, or the default: merge with a unique_key (delete+insert without MERGE), else append.</summary>
    private static string StrategyName(Project.NodeConfig config, EngineCapabilities capabilities) =>
        config.IncrementalStrategy ?? (config.UniqueKey.IsDefaultOrEmpty ? "append" : capabilities.SupportsMerge ? "merge" : "delete+insert");

    public IEnumerable<string> Validate(Project.NodeConfig config, EngineCapabilities capabilities)
    {
        var name = StrategyName(config, capabilities);
        if (!_strategies.TryGetValue(name, out var strategy))
            return [$"unknown incremental_strategy '{name}'; known: {string.Join(", ", StrategyNames)}.{Diagnostics.Suggestions.DidYouMean(name, StrategyNames)}"];
        var problems = strategy.Validate(config, capabilities).ToList();
        if (config.OnSchemaChange is not ("ignore" or "append_new_columns" or "sync_all_columns" or "fail"))
            problems.Add($"unknown on_schema_change '{config.OnSchemaChange}'; known: ignore, append_new_columns, sync_all_columns, fail");
        return problems;
    }

    /// <summary>
    /// on_schema_change as in dbt: <c>ignore</c> (default) writes the columns both share, <c>append_new_columns</c>
    /// adds new columns to the target first, <c>fail</c> stops when the columns differ.
    /// </summary>
    private static IReadOnlyList<string> ReconcileColumns(MaterializationContext context, Relation newRows)
    {
        var session = context.Session;
        var incoming = session.GetColumns(newRows);
        var existing = session.GetColumns(context.Relation);
        var existingNames = existing.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = incoming.Where(c => !existingNames.Contains(c.Name)).ToList();
        var removed = existing.Where(c => incoming.All(i => !i.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        switch (context.Node.Node.Config.OnSchemaChange)
        {
            case "fail" when added.Count > 0 || removed.Count > 0:
                throw new MaterializationException("the columns changed (on_schema_change: fail): added "
                    + $"[{string.Join(", ", added.Select(c => c.Name))}], removed [{string.Join(", ", removed.Select(c => c.Name))}]; run with --full-refresh");
            case "append_new_columns" or "sync_all_columns":
                foreach (var column in added) session.Execute(context.Dialect.AddColumn(context.Relation, column));
                return incoming.Select(c => c.Name).ToList();
            default:
                return incoming.Where(c => existingNames.Contains(c.Name)).Select(c => c.Name).ToList();
        }
    }
}
