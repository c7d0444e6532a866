using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

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

    public BuildPlan Plan(PlanContext context)
    {
        var strategy = StrategyFor(context);
        var alwaysRebuilt = context.Node.Node.Config.GetBool("full_refresh") == true;
        if (context.Target == TargetState.DecidedAtRunTime && context.WhenTableExists is { } later && !alwaysRebuilt)
            return DecidedInSql(context, strategy, later);
        if (!context.Node.IsIncremental) return TableBuilder.Plan(context, context.Node.Sql);
        if (context.Target != TargetState.Table)
            throw new MaterializationException($"{context.Relation} disappeared since the run started; run again");

        var (dialect, relation, newRows) = (context.Dialect, context.Relation, context.NewRows);
        var knownColumns = context.Node.Node.Config.OnSchemaChange == "ignore" && context.TableColumns is { Count: > 0 } listed
            ? listed.Select(c => c.Name).ToList() : null;
        if (knownColumns is not null && AsTemporaryView(context, strategy, knownColumns) is { } viaView) return viaView;
        // on_schema_change ignore writes the table's columns (as dbt does): known from the run's listing of the schema,
        // the build asks the database nothing more; the other settings compare both column lists first.
        IReadOnlyList<BuildStep> apply = knownColumns is not null
            ? Counted(strategy.Apply(context, newRows, knownColumns), newRows)
            : [new ReadStep("the columns of the new rows and of the table", session =>
            {
                var (added, columns) = ReconcileColumns(session, context, newRows);
                return [new SqlStep(added), .. Counted(strategy.Apply(context, newRows, columns), newRows)];
            })];
        return new BuildPlan(
        [
            // Where the new rows replace themselves (a warehouse's atomic CREATE OR REPLACE), a drop first is a round trip for nothing.
            new SqlStep(context.NewRowsReplaceThemselves ? [] : [dialect.Drop(newRows, RelationKind.Table)]),
            new SqlStep(context.CreateNewRows(context.Node.Sql)),
            .. apply,
            new SqlStep(dialect.AfterBuild(relation, TableOptions.From(context.Node.Node.Config)).ToImmutableArray()),
            new SqlStep(dialect.Drop(newRows, RelationKind.Table)),
        ], RelationKind.Table, strategy.Name.ToUpperInvariant(), [newRows]);
    }

    /// <summary>
    /// Where the engine has session temporary views and the apply is one statement (a MERGE, an INSERT … REPLACE ON, an
    /// append): the new rows are a view, computed inside that statement (one snapshot of what they read, the table
    /// included) and never written as a table of their own, so nothing is dropped after: two round trips. Null otherwise
    /// (a delete then an insert would compute the view twice, the second time after the delete).
    /// </summary>
    private static BuildPlan? AsTemporaryView(PlanContext context, IIncrementalStrategy strategy, IReadOnlyList<string> columns)
    {
        if (context.Capabilities.SessionTempTables || !context.Capabilities.SessionTempViews) return null;
        var view = SqlDialect.SessionTempViewRelation(context.Relation.Identifier + "__mr_new");
        if (strategy.Apply(context, view, columns) is not [SqlStep { Atomic: true, Statements.Length: 1 } apply]) return null;
        var dialect = context.Dialect;
        return new BuildPlan(
        [
            new SqlStep(dialect.CreateSessionTempViewAs(view, context.Clustered(context.Node.Sql))),
            apply with { Writes = view, CountWhenUnreported = false },
            new SqlStep(dialect.AfterBuild(context.Relation, TableOptions.From(context.Node.Node.Config)).ToImmutableArray()),
        ], RelationKind.Table, strategy.Name.ToUpperInvariant(), []);
    }

    /// <summary>
    /// The rows the apply writes are the node's figure, as the engine reports them (its last statement's), so the new rows
    /// need not be counted first; where a step cannot report, they are counted after it.
    /// </summary>
    private static IReadOnlyList<BuildStep> Counted(IReadOnlyList<BuildStep> steps, Relation newRows)
    {
        if (steps.Count == 0) return [new CountStep(newRows)];
        IReadOnlyList<BuildStep> last = steps[^1] switch
        {
            SqlStep { Atomic: true } sql => [sql with { Writes = newRows }],
            ReadStep read => [new ReadStep(read.Reads, session => Counted(read.Then(session), newRows))],
            var other => [other, new CountStep(newRows)],
        };
        return [.. steps.Take(steps.Count - 1), .. last];
    }

    /// <summary>
    /// One script for the first run and every later one (an exported job's task): the table is created when missing, the
    /// new rows are kept only when it existed before (so a first run applies nothing twice), on_schema_change is decided
    /// by the statements themselves, and the strategy applies the new rows by column name.
    /// </summary>
    private static BuildPlan DecidedInSql(PlanContext context, IIncrementalStrategy strategy, CompiledNode later)
    {
        var (dialect, relation) = (context.Dialect, context.Relation);
        var config = context.Node.Node.Config;
        var (newRows, existed) = (context.Scratch("new"), context.Scratch("existed"));
        var steps = new List<BuildStep>
        {
            new SqlStep(dialect.CreateOrReplaceTableAs(existed, dialect.CountTables(relation, "existed"))),
            new SqlStep(dialect.CreateTableAs(relation, context.Clustered(context.Node.Sql), TableOptions.From(config), ifNotExists: true)),
            new SqlStep(dialect.CreateOrReplaceTableAs(newRows, context.Clustered(
                $"select * from (\n{later.Sql}\n) as new_rows\nwhere (select existed from {dialect.Render(existed)}) > 0"))),
        };
        if (config.OnSchemaChange == "fail")
            steps.Add(new SqlStep(dialect.FailWhenColumnsDiffer(relation, newRows,
                $"the columns of {relation} changed (on_schema_change: fail); run with --full-refresh")));
        steps.AddRange(strategy.Apply(context, newRows, columns: null));
        steps.Add(new SqlStep([dialect.Drop(newRows, RelationKind.Table), dialect.Drop(existed, RelationKind.Table)]));
        steps.Add(new SqlStep(dialect.AfterBuild(relation, TableOptions.From(config)).ToImmutableArray()));
        return new BuildPlan([.. steps], RelationKind.Table, strategy.Name.ToUpperInvariant(), [newRows, existed]);
    }

    private IIncrementalStrategy StrategyFor(PlanContext context)
    {
        if (context.Node.ReplacesWindow is var (column, window)) return new EventTimeWindowStrategy(column, window);
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
    /// on_schema_change as in dbt: <c>ignore</c> (default) writes the table's columns (one the new rows lack is an error
    /// naming it, as when the table's columns come from the run's listing), <c>append_new_columns</c>
    /// (and <c>sync_all_columns</c>, which keeps removed columns) adds new columns to the target first, <c>fail</c>
    /// stops when the columns differ. Returns the statements adding columns and the columns to write.
    /// </summary>
    private static (ImmutableArray<string> Added, IReadOnlyList<string> Columns) ReconcileColumns(IEngineSession session, PlanContext context, Relation newRows)
    {
        var both = session.GetColumnsOf([newRows, context.Relation]);
        var (incoming, existing) = (both[newRows], both[context.Relation]);
        var existingNames = existing.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = incoming.Where(c => !existingNames.Contains(c.Name)).ToList();
        var removed = existing.Where(c => incoming.All(i => !i.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        switch (context.Node.Node.Config.OnSchemaChange)
        {
            case "fail" when added.Count > 0 || removed.Count > 0:
                throw new MaterializationException("the columns changed (on_schema_change: fail): added "
                    + $"[{string.Join(", ", added.Select(c => c.Name))}], removed [{string.Join(", ", removed.Select(c => c.Name))}]; run with --full-refresh");
            case "append_new_columns" or "sync_all_columns":
                return (added.Select(c => context.Dialect.AddColumn(context.Relation, c)).ToImmutableArray(), incoming.Select(c => c.Name).ToList());
            default:
                return ([], existing.Select(c => c.Name).ToList());
        }
    }
}
