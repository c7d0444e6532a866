using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>
/// Registers <c>type: databricks</c>: a Databricks SQL warehouse. Compiling needs only the dialect and the
/// capabilities, never a connection or credentials.
/// </summary>
public sealed class DatabricksEngineFactory : IEngineFactory
{
    public static readonly EngineCapabilities DatabricksCapabilities = new(
        TransactionalDdl: false,
        AtomicCreateOrReplaceTable: true,
        SupportsMerge: true,
        SupportsReplaceWhere: true,
        ListIndexBase: 0,
        ConcurrentWrites: true,
        ReadsLocalFiles: false,
        SessionTempTables: false,
        InsertReplaceOn: true,
        SessionTempViews: true);

    public string Type => "databricks";
    public EngineCapabilities Capabilities => DatabricksCapabilities;
    public SqlDialect Dialect { get; } = new DatabricksDialect();

    public IReadOnlyCollection<string> KnownSettings { get; } = DatabricksSettings.Known;

    // A warehouse has no read-only connection mode; reading commands simply send only reads.
    public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false) => new DatabricksEngine(target, Dialect, Capabilities);
}
