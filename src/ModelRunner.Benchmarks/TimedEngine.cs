using System.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Benchmarks;

/// <summary>
/// An engine factory that times every call into the engine: opening the database, each session call, closing it
/// (DuckDB checkpoints on close). What a run spends outside these calls is the runner's own time. Single-threaded
/// runs only: calls from two workers would overlap on the one stopwatch.
/// </summary>
public sealed class TimedEngineFactory(IEngineFactory inner, Stopwatch inDatabase) : IEngineFactory
{
    public string Type => inner.Type;
    public EngineCapabilities Capabilities => inner.Capabilities;
    public SqlDialect Dialect => inner.Dialect;
    public IReadOnlyCollection<string> KnownSettings => inner.KnownSettings;

    public IEngine Create(TargetSettings target, string projectDirectory) =>
        new TimedEngine(Timed(inDatabase, () => inner.Create(target, projectDirectory)), inDatabase);

    internal static T Timed<T>(Stopwatch clock, Func<T> call)
    {
        clock.Start();
        try { return call(); }
        finally { clock.Stop(); }
    }

    private sealed class TimedEngine(IEngine inner, Stopwatch clock) : IEngine
    {
        public string Type => inner.Type;
        public EngineCapabilities Capabilities => inner.Capabilities;
        public SqlDialect Dialect => inner.Dialect;
        public TargetSettings Target => inner.Target;
        public IEngineSession OpenSession() => new TimedSession(Timed(clock, inner.OpenSession), clock);
        public void Dispose() => Timed(clock, () => { inner.Dispose(); return 0; });
    }

    private sealed class TimedSession(IEngineSession inner, Stopwatch clock) : IEngineSession
    {
        public long Execute(string sql) => Timed(clock, () => inner.Execute(sql));
        public QueryResult Query(string sql, int? maxRows = null) => Timed(clock, () => inner.Query(sql, maxRows));
        public RelationKind GetRelationKind(Relation relation) => Timed(clock, () => inner.GetRelationKind(relation));
        public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => Timed(clock, () => inner.GetColumns(relation));
        public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) =>
            Timed(clock, () => inner.ListRelations(database, schema));
        public void ExecuteAtomically(IReadOnlyList<string> statements) => Timed(clock, () => { inner.ExecuteAtomically(statements); return 0; });
        public void Dispose() => Timed(clock, () => { inner.Dispose(); return 0; });
    }
}
