using System.Globalization;
using DuckDB.NET.Data;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.DuckDb;

/// <summary>
/// Embedded DuckDB. One database instance per engine; each worker gets its own connection to it
/// (DuckDB runs concurrent transactions with optimistic concurrency).
/// </summary>
public sealed class DuckDbEngine : IEngine
{
    private readonly DuckDBConnection _root;

    public DuckDbEngine(TargetSettings target, string projectDirectory, SqlDialect dialect, EngineCapabilities capabilities, bool readOnly = false)
    {
        DuckDbTargetCheck.Check(target);
        Target = target;
        Dialect = dialect;
        Capabilities = capabilities;
        DatabasePath = ResolvePath(target, projectDirectory);
        // Read-only needs the file: a reading command on a project never built opens it as a run would (creating it empty).
        ReadOnly = readOnly && !IsInMemory && File.Exists(DatabasePath);
        _root = new DuckDBConnection(ConnectionString(target, DatabasePath, ReadOnly));
        Open(target);
        using var session = OpenSession();
        foreach (var setting in Settings(target))
        {
            try
            {
                session.Execute(setting);
            }
            catch (EngineException e)
            {
                // A setting DuckDB does not know or a value it refuses is the profile's error, said before anything runs.
                _root.Dispose();
                throw new ProjectException($"target '{target.Name}': DuckDB refused `{setting}`: {e.Message}", target.ProfilesFile);
            }
        }
        // A read-only instance cannot attach an in-memory database; it builds nothing, so it needs none.
        if (!ReadOnly) AttachRunScopedCatalog(session, target);
    }

    /// <summary>The catalog run-scoped tables live in (a package's scratch tables): in memory, gone with the process.</summary>
    public const string RunScopedCatalog = "modelrunner_run";

    /// <summary>
    /// Attaches the in-memory catalog for run-scoped tables. Every connection of this process sees it (attached databases
    /// belong to the DuckDB instance); a second engine on the same file in this process finds it attached already.
    /// </summary>
    private void AttachRunScopedCatalog(IEngineSession session, TargetSettings target)
    {
        session.Execute($"ATTACH IF NOT EXISTS ':memory:' AS {RunScopedCatalog}");
        // A database file named after the catalog would be that catalog: its tables would land in the file.
        var path = session.Query($"select coalesce(path, '') from duckdb_databases() where database_name = '{RunScopedCatalog}'").Rows[0][0] as string;
        if (!string.IsNullOrEmpty(path) && path != ":memory:")
            throw new ProjectException($"target '{target.Name}': the DuckDB database {DatabasePath} is named {RunScopedCatalog}, the name ModelRunner "
                + "gives the in-memory catalog of run-scoped tables; rename the file", target.ProfilesFile);
    }

    public string Type => "duckdb";
    public EngineCapabilities Capabilities { get; }
    public SqlDialect Dialect { get; }
    public TargetSettings Target { get; }
    public string DatabasePath { get; }
    public bool ReadOnly { get; }
    private bool IsInMemory => DatabasePath.StartsWith(":memory:", StringComparison.Ordinal);

    public IEngineSession OpenSession()
    {
        // In memory, a duplicate shares the one database; for a file, DuckDB.NET shares the instance by path.
        var connection = IsInMemory ? _root.Duplicate() : new DuckDBConnection(_root.ConnectionString);
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        return new DuckDbSession(connection);
    }

    /// <summary>A fresh copy of the database file, to take the file's place once every connection is closed (a purge).</summary>
    private string? _purgedCopy;

    // DuckDB keeps deleted rows in its file: a checkpoint writes a row group again only when enough of it is deleted,
    // and the blocks it frees keep their bytes until reused. Only a copy of the database leaves them behind.
    public IReadOnlyList<string> DescribePurge(IReadOnlyList<Relation> relations) => IsInMemory ? [] :
        [$"copy the database into a fresh file that replaces {DatabasePath} (DuckDB keeps deleted rows in its file, even after a checkpoint, until the file is rewritten)"];

    /// <summary>Copies the database into a new file beside it (COPY FROM DATABASE); the copy replaces the file when the engine is disposed.</summary>
    public void PurgeDeleted(IEngineSession session, IReadOnlyList<Relation> relations)
    {
        if (IsInMemory || ReadOnly) return;
        var copy = DatabasePath + ".purging";
        try
        {
            // One an interrupted purge left: the database file itself was not touched then.
            File.Delete(copy);
            File.Delete(copy + ".wal");
            session.Execute("checkpoint");
            var database = Convert.ToString(session.Query("select current_database()").Rows[0][0], CultureInfo.InvariantCulture)!;
            session.Execute($"attach {Dialect.QuoteString(copy)} as {PurgeCatalog}");
            try
            {
                session.Execute($"copy from database {Dialect.QuoteIdentifier(database)} to {PurgeCatalog}");
            }
            finally
            {
                session.Execute($"detach {PurgeCatalog}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EngineException)
        {
            // A part-written copy holds the people's other rows: it does not stay behind.
            TryDelete(copy);
            TryDelete(copy + ".wal");
            throw new EngineException($"the erasure is done, but its purge could not copy the DuckDB database into {copy} ({e.Message}); "
                + $"the deleted rows are still in {DatabasePath}: erase with --purge again once that is fixed", e);
        }
        _purgedCopy = copy;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private const string PurgeCatalog = "modelrunner_purge";

    public void Dispose()
    {
        _root.Dispose();
        if (_purgedCopy is null) return;
        // Every connection is closed (sessions end before their engine; erase holds the run lock, so no other engine of
        // this process has the file open), so the database is closed too: the copy takes the file's place. The old
        // file's write-ahead log, were one left, belongs to the old file and must not be replayed.
        var copy = _purgedCopy;
        _purgedCopy = null;
        try
        {
            File.Move(copy, DatabasePath, overwrite: true);
            File.Delete(DatabasePath + ".wal");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineException($"the purged copy of the DuckDB database is {copy}, but it could not replace {DatabasePath} ({e.Message}); "
                + "the database itself is whole (the erasure is done), its deleted rows are still in its file: move the copy over it, or erase with --purge again", e);
        }
    }

    /// <summary>
    /// Opens the database file, waiting while another process holds it (a `show` or another program with the file open)
    /// for up to the profile's busy_timeout seconds (30 by default), then failing with who holds it.
    /// </summary>
    private void Open(TargetSettings target)
    {
        var timeout = TimeSpan.FromSeconds(Convert.ToDouble(target.Settings.GetValueOrDefault("busy_timeout") ?? 30, CultureInfo.InvariantCulture));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                _root.Open();
                return;
            }
            catch (DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.Ordinal))
            {
                if (clock.Elapsed < timeout) { Thread.Sleep(TimeSpan.FromMilliseconds(250)); continue; }
                var holder = System.Text.RegularExpressions.Regex.Match(e.Message, @"Conflicting lock is held in (.*?)(?: by user .*)?$",
                    System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : "another process";
                throw new DatabaseBusyException($"the DuckDB database {DatabasePath} is in use by {holder}; waited {timeout.TotalSeconds:0} s "
                    + $"(busy_timeout of target '{target.Name}'). Try again when it is released.");
            }
            catch (DuckDBException e)
            {
                throw new ProjectException($"target '{target.Name}': cannot open DuckDB database '{DatabasePath}': {e.Message}", target.ProfilesFile);
            }
            // A copied executable without DuckDB's native library beside it: the first call into DuckDB.NET fails in its type
            // initializer. Said as what to do, not as .NET's exception.
            catch (Exception e) when (e is DllNotFoundException || e.InnerException is DllNotFoundException)
            {
                throw new ProjectException($"cannot open DuckDB database '{DatabasePath}': DuckDB's native library ({NativeLibraryName}) is not "
                    + $"installed beside the executable in {AppContext.BaseDirectory.TrimEnd('/', '\\')}; copy the whole publish folder, not only "
                    + "the executable (see the README, Deploying for scheduled runs)");
            }
        }
    }

    private static string NativeLibraryName =>
        OperatingSystem.IsWindows() ? "duckdb.dll" : OperatingSystem.IsMacOS() ? "libduckdb.dylib" : "libduckdb.so";

    private static string ResolvePath(TargetSettings target, string projectDirectory)
    {
        var path = target.Settings.GetValueOrDefault("path") as string ?? ":memory:";
        if (path == ":memory:" || path.StartsWith(":memory:", StringComparison.Ordinal)) return path;
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(projectDirectory, path));
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            // A missing folder is made only inside the project (the default data/): elsewhere it is far more likely a
            // typo, and a new empty database there would only fail later with a misleading "table does not exist".
            var project = Path.GetFullPath(projectDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(project, StringComparison.Ordinal))
                throw new Core.Diagnostics.ProjectException(
                    $"target '{target.Name}': the folder of the DuckDB path {full} does not exist (it is created only inside the project folder); create it or correct the path",
                    "profiles.yml", 0);
            Directory.CreateDirectory(folder);
        }
        return full;
    }

    /// <summary>DuckDB's setting naming the format it writes a new database file in; it must be given when the database opens.</summary>
    public const string StorageVersionSetting = "storage_compatibility_version";

    /// <summary>
    /// New files take the newest format of the DuckDB ModelRunner ships, not DuckDB's default (v0.10.2, readable by every
    /// DuckDB since 0.10): that one lacks the compression methods added since (dictionary with FSST, among others), and
    /// writing a table in it costs more (the full refresh's writing a quarter more; README, Profiles). A file keeps the
    /// format it was created in.
    /// </summary>
    public const string DefaultStorageVersion = "latest";

    private static string ConnectionString(TargetSettings target, string path, bool readOnly)
    {
        var settings = target.Settings.GetValueOrDefault("settings") as IDictionary<string, object?>;
        var storage = settings is not null && settings.TryGetValue(StorageVersionSetting, out var given) && given is not null
            ? Convert.ToString(given, CultureInfo.InvariantCulture)! : DefaultStorageVersion;
        // The plain builder: DuckDB.NET's own asks DuckDB's native library for its settings, which may be missing (Open says so).
        var builder = new System.Data.Common.DbConnectionStringBuilder { ["Data Source"] = path };
        if (readOnly) builder["ACCESS_MODE"] = "READ_ONLY";
        builder[StorageVersionSetting] = storage;
        return builder.ConnectionString;
    }

    private static IEnumerable<string> Settings(TargetSettings target)
    {
        if (target.Settings.GetValueOrDefault("memory_limit") is { } memory)
            yield return $"SET memory_limit = '{Convert.ToString(memory, CultureInfo.InvariantCulture)!.Replace("'", "''")}'";
        if (target.Settings.GetValueOrDefault("settings") is IDictionary<string, object?> settings)
            foreach (var (key, value) in settings.Where(s => s.Key != StorageVersionSetting))
                yield return $"SET {key} = '{Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''")}'";
        // One extension may be given as a name alone (DuckDbTargetCheck has refused any other shape).
        if (target.Settings.GetValueOrDefault("extensions") is { } extensions)
            foreach (var extension in extensions as IEnumerable<object?> ?? [extensions])
                yield return $"LOAD {extension}";
    }
}
