using System.Collections.Concurrent;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Running;

/// <summary>
/// Which relations exist in the target, read once per schema (not once per model), as dbt's relation cache: it
/// decides <c>is_incremental</c> before rendering, and the materializations ask it instead of the database. The
/// runner keeps it true: a materialization records what it built, and whatever runs SQL the runner does not know
/// (hooks, a failed build, audit staging) makes it forget, so the schema is read again on the next question.
/// </summary>
public sealed class RelationCatalog
{
    private readonly Func<string?, string, IReadOnlyDictionary<string, RelationKind>>? _lister;
    private readonly object _listing = new();
    // Identifiers are matched ignoring case, as DuckDB and Databricks resolve them.
    private readonly ConcurrentDictionary<(string?, string), ConcurrentDictionary<string, RelationKind>> _schemas = new();

    private RelationCatalog(Func<string?, string, IReadOnlyDictionary<string, RelationKind>>? lister) { _lister = lister; }

    /// <summary>A catalog answered by a function (tests and tools that know the state up front).</summary>
    public static RelationCatalog FromLister(Func<string?, string, IReadOnlyDictionary<string, RelationKind>> lister) => new(lister);

    /// <summary>A catalog that reads from the engine, each schema once (and again after it was forgotten).</summary>
    public static RelationCatalog FromSession(IEngineSession session) => new(session.ListRelations);

    /// <summary>For offline compilation: nothing exists yet (every incremental model renders as a first build).</summary>
    public static RelationCatalog Offline() => new(null);

    public RelationKind KindOf(Relation relation)
    {
        if (_lister is null) return RelationKind.None;
        return Schema(relation).TryGetValue(relation.Identifier, out var kind) ? kind : RelationKind.None;
    }

    /// <summary>What a materialization just built (or, with <see cref="RelationKind.None"/>, dropped or renamed away).</summary>
    public void Record(Relation relation, RelationKind kind)
    {
        if (!_schemas.TryGetValue(Key(relation), out var schema)) return; // not read yet: it will be, as it is now
        if (kind == RelationKind.None) schema.TryRemove(relation.Identifier, out _);
        else schema[relation.Identifier] = kind;
    }

    // Forgetting waits for a schema being read: a listing taken before a hook ran must not be kept after it.

    /// <summary>The schema of <paramref name="relation"/> may have changed in ways the runner cannot tell: read it again when asked.</summary>
    public void Forget(Relation relation)
    {
        lock (_listing) _schemas.TryRemove(Key(relation), out _);
    }

    /// <summary>SQL the runner does not know ran (a hook): every schema is read again when asked.</summary>
    public void ForgetAll()
    {
        lock (_listing) _schemas.Clear();
    }

    private ConcurrentDictionary<string, RelationKind> Schema(Relation relation)
    {
        var key = Key(relation);
        if (_schemas.TryGetValue(key, out var known)) return known;
        // One reader at a time: the lister's session is not shared between threads.
        lock (_listing)
        {
            if (_schemas.TryGetValue(key, out known)) return known;
            var listed = new ConcurrentDictionary<string, RelationKind>(_lister!(key.Item1, key.Item2), StringComparer.OrdinalIgnoreCase);
            _schemas[key] = listed;
            return listed;
        }
    }

    private static (string?, string) Key(Relation relation) => (relation.Database, relation.Schema);
}
