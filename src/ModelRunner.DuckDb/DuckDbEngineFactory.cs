using ModelRunner.Core.Engines;

namespace ModelRunner.DuckDb;

/// <summary>Registers <c>type: duckdb</c>: embedded DuckDB, a file (path) or in memory (":memory:").</summary>
public sealed class DuckDbEngineFactory : IEngineFactory
{
    public static readonly EngineCapabilities DuckDbCapabilities = new(
        TransactionalDdl: true,
        AtomicCreateOrReplaceTable: true,
        SupportsMerge: true,
        SupportsReplaceWhere: false,
        ListIndexBase: 1,
        ConcurrentWrites: true,
        ReadsLocalFiles: true,
        SessionTempTables: true,
        RunScopedCatalog: DuckDbEngine.RunScopedCatalog,
        ClusterByWriteOrder: true);

    public string Type => "duckdb";
    public EngineCapabilities Capabilities => DuckDbCapabilities;
    public SqlDialect Dialect { get; } = new DuckDbDialect();
    public IReadOnlyCollection<string> KnownSettings { get; } = new[] { "path", "schema", "threads", "memory_limit", "extensions", "settings", "busy_timeout" };

    public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false) =>
        new DuckDbEngine(target, projectDirectory, Dialect, Capabilities, readOnly);
}
