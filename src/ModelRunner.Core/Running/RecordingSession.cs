using System.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Running;

/// <summary>
/// Wraps a session for one node: keeps every statement (for target/run/) and the time spent in the
/// database, so the runner's own overhead can be measured apart from it.
/// </summary>
public sealed class RecordingSession(IEngineSession inner) : IEngineSession
{
    private readonly List<string> _statements = new();
    private readonly Stopwatch _database = new();

    public IReadOnlyList<string> Statements => _statements;
    public TimeSpan DatabaseTime => _database.Elapsed;

    public long Execute(string sql) => Timed(sql, () => inner.Execute(sql));
    public QueryResult Query(string sql, int? maxRows = null) => Timed(sql, () => inner.Query(sql, maxRows));
    public IReadOnlyList<ColumnInfo> GetColumns(Relation relation) => Timed(null, () => inner.GetColumns(relation));
    public IReadOnlyDictionary<Relation, IReadOnlyList<ColumnInfo>> GetColumnsOf(IReadOnlyList<Relation> relations) =>
        Timed(null, () => inner.GetColumnsOf(relations));
    public IReadOnlyDictionary<string, RelationKind> ListRelations(string? database, string schema) =>
        Timed(null, () => inner.ListRelations(database, schema));

    public IReadOnlyDictionary<string, SchemaListing> DescribeSchemas(string? database, IReadOnlyList<string> schemas) =>
        Timed(null, () => inner.DescribeSchemas(database, schemas));

    public long ExecuteAtomically(IReadOnlyList<string> statements)
    {
        _statements.AddRange(statements);
        _database.Start();
        try { return inner.ExecuteAtomically(statements); }
        finally { _database.Stop(); }
    }

    public void Dispose() { /* the pooled inner session outlives this node */ }

    private T Timed<T>(string? sql, Func<T> action)
    {
        if (sql is not null) _statements.Add(sql);
        _database.Start();
        try { return action(); }
        finally { _database.Stop(); }
    }
}
