using System.Collections.Concurrent;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Running;

/// <summary>
/// Which relations exist in the target when the run starts, read once per schema (not once per model):
/// it decides <c>is_incremental</c> before rendering.
/// </summary>
public sealed class RelationCatalog
{
    private readonly Func<string?, string, IReadOnlyDictionary<string, RelationKind>>? _lister;
    private readonly ConcurrentDictionary<(string?, string), IReadOnlyDictionary<string, RelationKind>> _schemas = new();

    private RelationCatalog(Func<string?, string, IReadOnlyDictionary<string, RelationKind>>? lister) { _lister = lister; }

    /// <summary>A catalog answered by a function (tests and tools that know the state up front).</summary>
    public static RelationCatalog FromLister(Func<string?, string, IReadOnlyDictionary<string, RelationKind>> lister) => new(lister);

    /// <summary>A catalog that reads from the engine, each schema once.</summary>
    public static RelationCatalog FromSession(IEngineSession session) => new(session.ListRelations);

    /// <summary>For offline compilation: nothing exists yet (every incremental model renders as a first build).</summary>
    public static RelationCatalog Offline() => new(null);

    public RelationKind KindOf(Relation relation)
    {
        if (_lister is null) return RelationKind.None;
        var schema = _schemas.GetOrAdd((relation.Database, relation.Schema), key =>
        {
            lock (_lister) return _lister(key.Item1, key.Item2);
        });
        return schema.TryGetValue(relation.Identifier, out var kind) ? kind : RelationKind.None;
    }
}
