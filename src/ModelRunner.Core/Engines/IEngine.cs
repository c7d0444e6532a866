using System.Collections.Immutable;

namespace ModelRunner.Core.Engines;

/// <summary>A target resolved from profiles.yml: which engine, which schema, and the engine's own settings.</summary>
public sealed record TargetSettings(
    string Profile,
    string Name,
    string Type,
    string Schema,
    string? Database,
    int Threads,
    ImmutableDictionary<string, object?> Settings,
    string ProfilesFile);

/// <summary>One database engine (DuckDB, Databricks): how to talk to it and what SQL it speaks.</summary>
public interface IEngine : IDisposable
{
    string Type { get; }
    EngineCapabilities Capabilities { get; }
    SqlDialect Dialect { get; }
    TargetSettings Target { get; }

    /// <summary>A session for one worker; sessions may run in parallel when Capabilities.ConcurrentWrites.</summary>
    IEngineSession OpenSession();

    /// <summary>
    /// How rows deleted from <paramref name="relations"/> leave storage now, as told to the user (`erase` prints it):
    /// the dialect's statements (Databricks: REORG … APPLY (PURGE)), or what an engine that no statement purges does.
    /// </summary>
    IReadOnlyList<string> DescribePurge(IReadOnlyList<Relation> relations) => Dialect.PurgeDeleted(relations);

    /// <summary>Removes deleted rows from storage now (`erase --purge`): the dialect's statements, unless the engine knows better.</summary>
    void PurgeDeleted(IEngineSession session, IReadOnlyList<Relation> relations)
    {
        foreach (var statement in Dialect.PurgeDeleted(relations)) session.Execute(statement);
    }
}

/// <summary>
/// A schema's relations and, where the engine lists them in the same round trip, their columns (by relation name);
/// <see cref="Exists"/> where the listing tells a schema from a missing one (true: the run need not create it), null
/// where it cannot (an empty listing).
/// </summary>
public sealed record SchemaListing(
    IReadOnlyDictionary<string, RelationKind> Relations,
    IReadOnlyDictionary<string, IReadOnlyList<ColumnInfo>>? Columns,
    bool? Exists = null)
{
    /// <summary>
    /// The answer to a listing of several schemas: each schema asked once (one spelled two ways is one schema), keyed
    /// ignoring case, as <see cref="IEngineSession.DescribeSchemas"/> promises.
    /// </summary>
    public static IReadOnlyDictionary<string, SchemaListing> PerSchema(IEnumerable<string> schemas, Func<string, SchemaListing> listing) =>
        schemas.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(s => s, listing, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A connection-like session; every statement goes through it.</summary>
public interface IEngineSession : IDisposable
{
    long Execute(string sql);
    /// <summary>Rows of a query: scalars as .NET values, nested values (lists, structs, maps) as the engine's text.</summary>
    QueryResult Query(string sql, int? maxRows = null);
    IReadOnlyList<ColumnInfo> GetColumns(Relation relation);

    /// <summary>The columns of several relations, each in order: one round trip where the engine can answer so (a warehouse).</summary>
    IReadOnlyDictionary<Relation, IReadOnlyList<ColumnInfo>> GetColumnsOf(IReadOnlyList<Relation> relations) =>
        relations.Distinct().ToDictionary(r => r, GetColumns);

    /// <summary>Tables and views of one schema, read at once (the run's starting state).</summary>
    IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema);

    /// <summary>
    /// Tables and views of the schemas of one database with their columns, in one round trip where the engine can answer
    /// so (the run's starting state, so an incremental build need not ask for its table's columns); columns are null
    /// where it cannot. Every schema asked is in the answer (ignoring case), empty where it does not exist.
    /// </summary>
    IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas) =>
        SchemaListing.PerSchema(schemas, s => new SchemaListing(ListRelations(database, s), null));

    /// <summary>
    /// Runs the statements as one unit: in a transaction where the engine has transactional DDL. Returns the rows the
    /// last statement reports having written (inserted; for a MERGE, inserted or updated), or -1 where the engine does not say.
    /// </summary>
    long ExecuteAtomically(IReadOnlyList<string> statements);

    /// <summary>Stops the statement running on this session, if any, from another thread (the run was cancelled).</summary>
    void Cancel() { }
}

/// <summary>Creates an engine from a target; registered explicitly in an <see cref="EngineRegistry"/>.</summary>
public interface IEngineFactory
{
    string Type { get; }

    /// <summary>Known without connecting, so templates and `compile` need no connection.</summary>
    EngineCapabilities Capabilities { get; }

    /// <summary>The SQL dialect, usable offline (compile needs no credentials).</summary>
    SqlDialect Dialect { get; }

    /// <summary>The settings this engine reads, for `debug` and for errors on unknown keys.</summary>
    IReadOnlyCollection<string> KnownSettings { get; }

    /// <summary>
    /// Opens the target; <paramref name="readOnly"/> for commands that only read (show, debug, compile): where the engine
    /// has such a mode (DuckDB's READ_ONLY), they cannot change the database and do not keep writers waiting longer than reading takes.
    /// </summary>
    IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false);
}

/// <summary>A statement failed in the database; carries the database's own message.</summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The database is held by another process (an embedded database file another program has open) and stayed so for
/// the whole busy timeout: not a project error and not a failed model — the run may simply be tried again later.
/// </summary>
public sealed class DatabaseBusyException(string message) : Exception(message);
