using System.Collections.Concurrent;
using ModelRunner.Core.Engines;

namespace ModelRunner.TestSupport;

/// <summary>What a run asked of its engine: every statement it sent and query it read (in order), and how often it listed a schema.</summary>
public sealed class EngineCalls
{
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentQueue<string> _queries = new();
    private int _schemaListings;

    public IReadOnlyList<string> Statements => _statements.ToList();
    public IReadOnlyList<string> Queries => _queries.ToList();
    public int SchemaListings => Volatile.Read(ref _schemaListings);

    internal void Sent(string sql) => _statements.Enqueue(sql);
    internal void Read(string sql) => _queries.Enqueue(sql);
    internal void Listed() => Interlocked.Increment(ref _schemaListings);
}

/// <summary>An engine factory that passes everything to <paramref name="inner"/> and notes the calls in <paramref name="calls"/>.</summary>
public sealed class ObservedEngineFactory(IEngineFactory inner, EngineCalls calls) : IEngineFactory
{
    public string Type => inner.Type;
    public EngineCapabilities Capabilities => inner.Capabilities;
    public SqlDialect Dialect => inner.Dialect;
    public IReadOnlyCollection<string> KnownSettings => inner.KnownSettings;
    public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false) => new ObservedEngine(inner.Create(target, projectDirectory, readOnly), calls);

    private sealed class ObservedEngine(IEngine inner, EngineCalls calls) : IEngine
    {
        public string Type => inner.Type;
        public EngineCapabilities Capabilities => inner.Capabilities;
        public SqlDialect Dialect => inner.Dialect;
        public TargetSettings Target => inner.Target;
        public IEngineSession OpenSession() => new ObservedSession(inner.OpenSession(), calls);
        public IReadOnlyList<string> DescribePurge(IReadOnlyList<Relation> relations) => inner.DescribePurge(relations);
        public void PurgeDeleted(IEngineSession session, IReadOnlyList<Relation> relations) => inner.PurgeDeleted(session, relations);
        public void Dispose() => inner.Dispose();
    }

    private sealed class ObservedSession(IEngineSession inner, EngineCalls calls) : IEngineSession
    {
        public long Execute(string sql)
        {
            calls.Sent(sql);
            return inner.Execute(sql);
        }

        public QueryResult Query(string sql, int? maxRows = null)
        {
            calls.Read(sql);
            return inner.Query(sql, maxRows);
        }

        public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => inner.GetColumns(relation);

        public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema)
        {
            calls.Listed();
            return inner.ListRelations(database, schema);
        }

        public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas)
        {
            calls.Listed();
            return inner.DescribeSchemas(database, schemas);
        }

        public long ExecuteAtomically(IReadOnlyList<string> statements)
        {
            foreach (var statement in statements) calls.Sent(statement);
            return inner.ExecuteAtomically(statements);
        }

        public void Dispose() => inner.Dispose();
    }
}
