using System.Collections.Immutable;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>What is known of a node's relation when its build is planned.</summary>
public enum TargetState
{
    /// <summary>Nothing of that name exists.</summary>
    Missing,
    /// <summary>A table of that name exists (an incremental model applies its new rows to it).</summary>
    Table,
    /// <summary>A view of that name exists (a table build drops it first).</summary>
    View,
    /// <summary>
    /// Not known until the statements run, as in an exported Databricks job whose one SQL file serves the first run
    /// and every later one: the plan decides in SQL, and reads nothing from the database while it is made.
    /// </summary>
    DecidedAtRunTime,
}

/// <summary>One step of a build.</summary>
public abstract record BuildStep;

/// <summary>
/// Statements run in order; <paramref name="Atomic"/>: as one unit of work where the engine has transactions.
/// <paramref name="Writes"/>: the rows the (atomic) step's last statement writes are the figure the run reports for the
/// node, as the engine reports them; where it does not, the rows of that relation are counted, unless
/// <paramref name="CountWhenUnreported"/> is false (a view of new rows would be computed again, after the apply changed what it reads).
/// </summary>
public sealed record SqlStep(ImmutableArray<string> Statements, bool Atomic = false, Relation? Writes = null, bool CountWhenUnreported = true) : BuildStep
{
    public SqlStep(string statement) : this([statement]) { }
}

/// <summary>The rows of a relation counted: the figure the run reports for the node.</summary>
public sealed record CountStep(Relation Relation) : BuildStep;

/// <summary>
/// A decision that needs what only the database knows while the build runs (the columns of the new rows, the
/// partitions they hold): the runner reads, then runs the steps <paramref name="Then"/> returns. A plan made for
/// <see cref="TargetState.DecidedAtRunTime"/> has none: it expresses such decisions in SQL.
/// </summary>
public sealed record ReadStep(string Reads, Func<IEngineSession, IReadOnlyList<BuildStep>> Then) : BuildStep;

/// <summary>
/// The statements that build one node, made once by its materialization and consumed by the runner (which executes
/// them) and by `workflow export` (which writes them to the job's SQL files).
/// </summary>
/// <param name="Steps">What runs, in order.</param>
/// <param name="Produces">What the node's relation is afterwards.</param>
/// <param name="Message">What the run reports for the node (CREATE TABLE, MERGE, …).</param>
/// <param name="Scratch">Relations the steps create on the way: dropped, best effort, when a step fails, and gone afterwards.</param>
public sealed record BuildPlan(ImmutableArray<BuildStep> Steps, RelationKind Produces, string Message, ImmutableArray<Relation> Scratch)
{
    public static BuildPlan Nothing(string message) => new([], RelationKind.None, message, []);

    /// <summary>
    /// The plan's statements as one script, for a plan that decides everything in SQL (row counts are the run's to report
    /// and are left out).
    /// </summary>
    public IEnumerable<string> Script() => Steps.SelectMany(step => step switch
    {
        SqlStep sql => sql.Statements,
        CountStep => [],
        ReadStep read => throw new InvalidOperationException($"the plan reads {read.Reads} while it runs, so it is not a script"),
        _ => throw new InvalidOperationException($"unknown step {step.GetType().Name}"),
    });
}
