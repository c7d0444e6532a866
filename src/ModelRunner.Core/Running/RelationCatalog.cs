using System.Collections.Concurrent;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Running;

/// <summary>
/// Which relations exist in the target, read once per schema (not once per model), as dbt's relation cache: it
/// decides <c>is_incremental</c> before rendering, and the materializations ask it instead of the database. The
/// runner keeps it true: a materialization records what it built, and whatever runs SQL the runner does not know
/// (hooks, a failed build, audit staging) makes it forget, so the schema is read again on the next question. Where the
/// engine lists a schema's columns in the same round trip, it keeps them too: an incremental build then knows its
/// table's columns without asking (a warehouse round trip per model saved).
/// </summary>
public sealed class RelationCatalog
{
    private readonly Func<string?, IReadOnlyList<string>, IReadOnlyDictionary<string, SchemaListing>>? _lister;
    private readonly object _listing = new();
    // Identifiers are matched ignoring case, as DuckDB and Databricks resolve them.
    private readonly ConcurrentDictionary<(string?, string), ConcurrentDictionary<string, RelationKind>> _schemas = new();
    private readonly ConcurrentDictionary<(string?, string), ConcurrentDictionary<string, IReadOnlyList<ColumnInfo>>> _columns = new();
    // Schemas the engine's listing said exist (an empty listing may be a missing schema: not in here).
    private readonly ConcurrentDictionary<(string?, string), bool> _existing = new();

    private RelationCatalog(Func<string?, IReadOnlyList<string>, IReadOnlyDictionary<string, SchemaListing>>? lister) { _lister = lister; }

    /// <summary>A catalog answered by a function (tests and tools that know the state up front).</summary>
    public static RelationCatalog FromLister(Func<string?, string, IReadOnlyDictionary<string, RelationKind>> lister) =>
        new((database, schemas) => SchemaListing.PerSchema(schemas, s => new SchemaListing(lister(database, s), null)));

    /// <summary>A catalog that reads from the engine, each schema once (and again after it was forgotten).</summary>
    public static RelationCatalog FromSession(IEngineSession session) => new(session.DescribeSchemas);

    /// <summary>For offline compilation: nothing exists yet (every incremental model renders as a first build).</summary>
    public static RelationCatalog Offline() => new(null);

    public RelationKind KindOf(Relation relation)
    {
        if (_lister is null) return RelationKind.None;
        return Schema(relation).TryGetValue(relation.Identifier, out var kind) ? kind : RelationKind.None;
    }

    /// <summary>
    /// Reads now the schemas not known yet, so no later question waits for them: those of each database in one listing
    /// (a round trip each on a warehouse, where asking one by one as models need them took one per schema).
    /// </summary>
    public void Read(IEnumerable<(string? Database, string Schema)> schemas)
    {
        if (_lister is null) return;
        lock (_listing)
        {
            foreach (var database in schemas.Where(s => !_schemas.ContainsKey(s)).Distinct().GroupBy(s => s.Database))
                Store(database.Key, _lister(database.Key, database.Select(s => s.Schema).ToList()));
        }
    }

    /// <summary>Whether the schema is known to exist (listed so, or a relation built in it), so the run need not create it.</summary>
    public bool SchemaExists(string? database, string schema) =>
        _existing.ContainsKey((database, schema)) || (_schemas.TryGetValue((database, schema), out var known) && !known.IsEmpty);

    /// <summary>The columns of a relation as its schema was listed, or null where the engine did not list them (or it changed since).</summary>
    public IReadOnlyList<ColumnInfo>? ColumnsOf(Relation relation)
    {
        if (_lister is null || KindOf(relation) == RelationKind.None) return null;
        return _columns.TryGetValue(Key(relation), out var schema) && schema.TryGetValue(relation.Identifier, out var columns) ? columns : null;
    }

    /// <summary>What a materialization just built (or, with <see cref="RelationKind.None"/>, dropped or renamed away).</summary>
    public void Record(Relation relation, RelationKind kind)
    {
        // What was built may have other columns now: they are asked for again.
        if (_columns.TryGetValue(Key(relation), out var columns)) columns.TryRemove(relation.Identifier, out _);
        if (!_schemas.TryGetValue(Key(relation), out var schema)) return; // not read yet: it will be, as it is now
        if (kind == RelationKind.None) schema.TryRemove(relation.Identifier, out _);
        else schema[relation.Identifier] = kind;
    }

    // Forgetting waits for a schema being read: a listing taken before a hook ran must not be kept after it.

    /// <summary>The schema of <paramref name="relation"/> may have changed in ways the runner cannot tell: read it again when asked.</summary>
    public void Forget(Relation relation)
    {
        lock (_listing)
        {
            _schemas.TryRemove(Key(relation), out _);
            _columns.TryRemove(Key(relation), out _);
            _existing.TryRemove(Key(relation), out _);
        }
    }

    /// <summary>SQL the runner does not know ran (a hook): every schema is read again when asked.</summary>
    public void ForgetAll()
    {
        lock (_listing)
        {
            _schemas.Clear();
            _columns.Clear();
            _existing.Clear();
        }
    }

    private ConcurrentDictionary<string, RelationKind> Schema(Relation relation)
    {
        var key = Key(relation);
        if (_schemas.TryGetValue(key, out var known)) return known;
        // One reader at a time: the lister's session is not shared between threads.
        lock (_listing)
        {
            if (_schemas.TryGetValue(key, out known)) return known;
            Store(key.Item1, _lister!(key.Item1, [key.Item2]));
            return _schemas[key];
        }
    }

    private void Store(string? database, IReadOnlyDictionary<string, SchemaListing> listings)
    {
        foreach (var (schema, listing) in listings)
        {
            var key = (database, schema);
            if (listing.Columns is { } columns)
                _columns[key] = new ConcurrentDictionary<string, IReadOnlyList<ColumnInfo>>(columns, StringComparer.OrdinalIgnoreCase);
            _schemas[key] = new ConcurrentDictionary<string, RelationKind>(listing.Relations, StringComparer.OrdinalIgnoreCase);
            if (listing.Exists == true) _existing[key] = true;
        }
    }

    private static (string?, string) Key(Relation relation) => (relation.Database, relation.Schema);
}
