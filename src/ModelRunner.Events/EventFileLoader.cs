using System.Globalization;
using System.Security.Cryptography;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>What one file's load did.</summary>
public sealed record LoadResult(string Path, long Loaded, long Rejected, string? RejectFile, bool AlreadyLoaded);

/// <summary>One typed column of atomic.events and the SQL that computes it from the staged raw row.</summary>
public sealed record MappedColumn(string Target, string Expression);

/// <summary>A condition on the staged raw row that sends it to the rejects, and the reason written there.</summary>
public sealed record RejectCheck(string Condition, string Message);

/// <summary>
/// Loading a file of events, set-based in DuckDB: the file is staged as text (<c>__mr_load</c>, one row per
/// event with its line number), each column is typed by SQL, rows that fail a check go to a reject file with the
/// reason, and the rest load in one transaction with an entry in the load ledger (so a file loads once).
/// A format says how to stage its file and how its raw columns map to atomic.events.
/// </summary>
public abstract class EventFileLoader(IEngineSession session, AtomicEventsStore store, SchemaCatalog catalog, string rejectDirectory)
{
    protected IEngineSession Session => session;
    protected AtomicEventsStore Store => store;
    protected SchemaCatalog Catalog => catalog;

    public abstract string Format { get; }

    /// <summary>Creates temp table <c>__mr_load(__row, raw columns…)</c> from the file.</summary>
    protected abstract void Stage(string fullPath);

    /// <summary>The line of the file a staged row came from.</summary>
    protected abstract string LineOf(string row);

    protected abstract (List<MappedColumn> Columns, List<RejectCheck> Checks) Mapping(IReadOnlyList<string> stagedColumns, string path);

    public LoadResult Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ProjectException($"no such file: {path}");
        var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)));
        if (store.PreviousLoad(sha) is not null)
            return new LoadResult(path, 0, 0, null, AlreadyLoaded: true);

        try { Stage(full); }
        catch (EngineException e) when (e.InnerException is not OperationCanceledException)
        {
            // A file the reader cannot take at all (binary, another dialect): the file's problem, said in one line, before
            // anything is written. Rows it can read but not use go to the rejects instead.
            throw new ProjectException($"not a {Format} file this can read: {e.Message.Split('\n')[0].Trim()}", path);
        }
        // DuckDB keeps temp tables in the "main" schema of the "temp" catalog.
        var header = session.GetColumns(new Relation("temp", "main", "__mr_load")).Select(c => c.Name).Where(c => c != "__row").ToList();
        var (columns, checks) = Mapping(header, path);

        var reason = "concat_ws('; ', " + string.Join(", ", checks.Select(c => $"case when {c.Condition} then {DuckDbEventsSql.StringLiteral(c.Message)} end")) + ")";
        session.Execute("create or replace temp table __mr_typed as select __row, "
            + string.Join(", ", columns.Select(c => $"{c.Expression} as {store.Sql.Quote(c.Target)}"))
            + $", nullif({reason}, '') as __reason from __mr_load");

        var rejected = Count("select count(*) from __mr_typed where __reason is not null");
        string? rejectFile = null;
        if (rejected > 0)
        {
            Directory.CreateDirectory(rejectDirectory);
            rejectFile = Path.Combine(rejectDirectory, Path.GetFileNameWithoutExtension(full) + ".rejects.csv");
            session.Execute($"copy (select {LineOf("t.__row")} as line, t.__reason as reason, l.* exclude (__row) from __mr_typed t "
                + $"join __mr_load l using (__row) where t.__reason is not null order by t.__row) to {DuckDbEventsSql.StringLiteral(rejectFile)} (header, delimiter ',')");
        }
        var loaded = Count("select count(*) from __mr_typed where __reason is null");
        var targetColumns = string.Join(", ", columns.Select(c => store.Sql.Quote(c.Target)));
        session.ExecuteAtomically(new[]
        {
            $"insert into {store.TableSql} ({targetColumns}) "
                + $"select {targetColumns} from __mr_typed where __reason is null order by __row",
            store.RecordLoad(sha, full, Format, loaded, rejected),
        });
        session.Execute("drop table if exists __mr_typed");
        session.Execute("drop table if exists __mr_load");
        return new LoadResult(path, loaded, rejected, rejectFile, AlreadyLoaded: false);
    }

    private long Count(string sql) => Convert.ToInt64(session.Query(sql).Rows[0][0], CultureInfo.InvariantCulture);

    /// <summary>A standard column typed from raw text, with the check that rejects text of the wrong type.</summary>
    protected static void AddAtomic(string name, string type, string source, List<MappedColumn> columns, List<RejectCheck> checks)
    {
        var typed = DuckDbEventsSql.FromText(source, type);
        columns.Add(new MappedColumn(name, typed));
        if (type != "string")
            checks.Add(new RejectCheck($"(nullif(trim({source}), '') is not null and {typed} is null)", $"{name}: not {(type == "integer" ? "an" : "a")} {type}"));
    }

    /// <summary>Every event needs its id and collector time.</summary>
    protected static void RequireKeys(List<MappedColumn> columns, List<RejectCheck> checks, string path)
    {
        foreach (var required in new[] { "event_id", "collector_tstamp" })
        {
            var column = columns.FirstOrDefault(c => c.Target == required)
                ?? throw new ProjectException($"the file has no '{required}' column", path);
            checks.Add(new RejectCheck($"{column.Expression} is null", $"{required} is missing"));
        }
    }
}

