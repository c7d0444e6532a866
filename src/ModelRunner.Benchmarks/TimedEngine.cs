using System.Diagnostics;
using System.Runtime.CompilerServices;
using ModelRunner.Core.Engines;

namespace ModelRunner.Benchmarks;

/// <summary>
/// An engine factory that times every call into the engine: opening the database, each session call, closing it
/// (DuckDB checkpoints on close). The clock runs while at least one call is in the engine, so with several workers
/// it measures the time the database was busy; the rest of the wall time is the runner's alone. With a trace
/// writer, every call is also written there with its own time, to see which statements a run spends its time on.
/// </summary>
public sealed class TimedEngineFactory(IEngineFactory inner, DatabaseClock inDatabase, TextWriter? trace = null, string? profileFolder = null) : IEngineFactory
{
    public string Type => inner.Type;
    public EngineCapabilities Capabilities => inner.Capabilities;
    public SqlDialect Dialect => inner.Dialect;
    public IReadOnlyCollection<string> KnownSettings => inner.KnownSettings;

    private readonly StrongBox<int> _profiled = new();

    public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false)
    {
        var clock = new CallClock(inDatabase, trace, profileFolder, _profiled);
        return new TimedEngine(clock.Timed("open", () => inner.Create(target, projectDirectory, readOnly)), clock);
    }

    private sealed class CallClock(DatabaseClock clock, TextWriter? trace, string? profileFolder, StrongBox<int> profiled)
    {
        // Beside the operators (their times, rows and what they read), the time DuckDB spent planning the statement:
        // binding, optimizing (each optimizer) and the physical plan.
        private const string ProfileMetrics = "SET profiling_mode = 'detailed'; SET custom_profiling_settings = '{"
            + "\"LATENCY\": \"true\", \"CPU_TIME\": \"true\", \"PLANNER\": \"true\", \"PLANNER_BINDING\": \"true\", "
            + "\"PHYSICAL_PLANNER\": \"true\", \"ALL_OPTIMIZERS\": \"true\", \"OPERATOR_TIMING\": \"true\", "
            + "\"OPERATOR_CARDINALITY\": \"true\", \"OPERATOR_TYPE\": \"true\", \"OPERATOR_ROWS_SCANNED\": \"true\", "
            + "\"EXTRA_INFO\": \"true\", \"CUMULATIVE_CARDINALITY\": \"true\"}'";

        /// <summary>
        /// With a profile folder, DuckDB writes the profile of the statement about to run (its last, for several in one
        /// transaction) as JSON to the folder, numbered in the trace's order, and the statement beside it (DuckDB's JSON
        /// does not hold it); the setting itself is not timed.
        /// </summary>
        public string Profile(IEngineSession session, string call)
        {
            if (profileFolder is null) return call;
            var number = Interlocked.Increment(ref profiled.Value);
            File.WriteAllText(Path.Combine(profileFolder, $"{number:0000}.sql"), call);
            session.Execute($"SET enable_profiling = 'json'; SET profiling_output = '{Path.Combine(profileFolder, $"{number:0000}.json")}'; {ProfileMetrics}");
            return $"[{number:0000}] {call}";
        }

        public T Timed<T>(string call, Func<T> action)
        {
            clock.Enter();
            var started = Stopwatch.GetTimestamp();
            try { return action(); }
            finally
            {
                clock.Exit();
                if (trace is not null)
                {
                    var line = $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds,10:0.00} ms  {call.ReplaceLineEndings(" ")}";
                    lock (trace) trace.WriteLine(line.Length > 220 ? line[..220] : line);
                }
            }
        }
    }

    private sealed class TimedEngine(IEngine inner, CallClock clock) : IEngine
    {
        public string Type => inner.Type;
        public EngineCapabilities Capabilities => inner.Capabilities;
        public SqlDialect Dialect => inner.Dialect;
        public TargetSettings Target => inner.Target;
        public IEngineSession OpenSession() => new TimedSession(clock.Timed("session", inner.OpenSession), clock);
        public IReadOnlyList<string> DescribePurge(IReadOnlyList<Relation> relations) => inner.DescribePurge(relations);
        public void PurgeDeleted(IEngineSession session, IReadOnlyList<Relation> relations) => inner.PurgeDeleted(session, relations);
        public void Dispose() => clock.Timed("close (checkpoint)", () => { inner.Dispose(); return 0; });
    }

    private sealed class TimedSession(IEngineSession inner, CallClock clock) : IEngineSession
    {
        public long Execute(string sql) => clock.Timed(clock.Profile(inner, sql), () => inner.Execute(sql));
        public QueryResult Query(string sql, int? maxRows = null) => clock.Timed(clock.Profile(inner, sql), () => inner.Query(sql, maxRows));
        public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => clock.Timed($"columns of {relation}", () => inner.GetColumns(relation));
        public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) =>
            clock.Timed($"relations in {schema}", () => inner.ListRelations(database, schema));
        public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas) =>
            clock.Timed($"relations and columns in {string.Join(", ", schemas)}", () => inner.DescribeSchemas(database, schemas));
        public long ExecuteAtomically(IReadOnlyList<string> statements) =>
            clock.Timed(clock.Profile(inner, "in one transaction: " + string.Join("; ", statements)), () => inner.ExecuteAtomically(statements));

        public void Dispose() => clock.Timed("session end", () => { inner.Dispose(); return 0; });
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
