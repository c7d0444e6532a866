using System.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Benchmarks;

/// <summary>
/// An engine factory that times every call into the engine: opening the database, each session call, closing it
/// (DuckDB checkpoints on close). The clock runs while at least one call is in the engine, so with several workers
/// it measures the time the database was busy; the rest of the wall time is the runner's alone.
/// </summary>
public sealed class TimedEngineFactory(IEngineFactory inner, DatabaseClock inDatabase) : IEngineFactory
{
    public string Type => inner.Type;
    public EngineCapabilities Capabilities => inner.Capabilities;
    public SqlDialect Dialect => inner.Dialect;
    public IReadOnlyCollection<string> KnownSettings => inner.KnownSettings;

    public IEngine Create(TargetSettings target, string projectDirectory) =>
        new TimedEngine(Timed(inDatabase, () => inner.Create(target, projectDirectory)), inDatabase);

    internal static T Timed<T>(DatabaseClock clock, Func<T> call)
    {
        clock.Enter();
        try { return call(); }
        finally { clock.Exit(); }
    }

    private sealed class TimedEngine(IEngine inner, DatabaseClock clock) : IEngine
    {
        public string Type => inner.Type;
        public EngineCapabilities Capabilities => inner.Capabilities;
        public SqlDialect Dialect => inner.Dialect;
        public TargetSettings Target => inner.Target;
        public IEngineSession OpenSession() => new TimedSession(Timed(clock, inner.OpenSession), clock);
        public void Dispose() => Timed(clock, () => { inner.Dispose(); return 0; });
    }

    private sealed class TimedSession(IEngineSession inner, DatabaseClock clock) : IEngineSession
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

/// <summary>A stopwatch that runs while any caller is inside (a count of callers, started at 0 → 1, stopped at 1 → 0).</summary>
public sealed class DatabaseClock
{
    private readonly Stopwatch _clock = new();
    private readonly object _gate = new();
    private int _inside;

    public TimeSpan Elapsed { get { lock (_gate) return _clock.Elapsed; } }

    public void Reset() { lock (_gate) { _clock.Reset(); _inside = 0; } }

    public void Enter() { lock (_gate) if (_inside++ == 0) _clock.Start(); }

    public void Exit() { lock (_gate) if (--_inside == 0) _clock.Stop(); }
}
