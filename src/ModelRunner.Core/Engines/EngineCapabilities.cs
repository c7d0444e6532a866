namespace ModelRunner.Core.Engines;

/// <summary>
/// What an engine can do, stated as data so materializations decide from it instead of from the engine's name.
/// </summary>
/// <param name="TransactionalDdl">DDL can run inside a transaction (a table swap is then atomic).</param>
/// <param name="AtomicCreateOrReplaceTable">CREATE OR REPLACE TABLE is itself atomic (Delta), no swap needed.</param>
/// <param name="SupportsMerge">MERGE INTO … WHEN MATCHED / NOT MATCHED is available.</param>
/// <param name="SupportsReplaceWhere">INSERT INTO … REPLACE WHERE is available (insert_overwrite by predicate).</param>
/// <param name="ListIndexBase">First index of a list (DuckDB 1, Databricks 0); macros read it via target.</param>
/// <param name="ConcurrentWrites">Several sessions may build models at once.</param>
/// <param name="ReadsLocalFiles">SQL can read files of this machine (read_csv): seeds and event loads run set-based in the engine.</param>
/// <param name="SessionTempTables">CREATE TEMP TABLE makes a table only its session sees, kept out of the database file and its log
/// (DuckDB): an incremental build stages its new rows there, as dbt-duckdb does, instead of writing them twice.</param>
/// <param name="InsertReplaceOn">INSERT INTO … REPLACE ON is available (Databricks SQL, Runtime 17.1 and later): delete+insert in one
/// atomic statement instead of two.</param>
/// <param name="SessionTempViews">CREATE TEMPORARY VIEW names a query for the session alone (Databricks): an incremental build whose
/// apply is one statement stages its new rows as one, as dbt-databricks does, so they are computed inside the apply and never written
/// as a table of their own (no table to write, and none to drop).</param>
/// <param name="RunScopedCatalog">Where run-scoped tables (<c>run_scoped: true</c>) are kept: a catalog the engine attaches for the
/// process and drops with it (DuckDB: one in memory), so a package's scratch tables are never written to the database file, its log
/// or its checkpoints. Null: they are built as ordinary tables (Databricks: another process, a job task, may read them).</param>
/// <param name="ClusterByWriteOrder">A table's <c>cluster_by</c> is honoured by writing its rows in that order, its first build and
/// every batch of new rows (DuckDB, whose row groups keep each column's min and max: rows of one day then share few row groups, so
/// an upsert's delete and the checkpoint after it touch those alone). False: the dialect lays the table out itself (Databricks:
/// liquid clustering, CLUSTER BY in the table's definition).</param>
public sealed record EngineCapabilities(
    bool TransactionalDdl,
    bool AtomicCreateOrReplaceTable,
    bool SupportsMerge,
    bool SupportsReplaceWhere,
    int ListIndexBase,
    bool ConcurrentWrites,
    bool ReadsLocalFiles,
    bool SessionTempTables,
    bool InsertReplaceOn = false,
    bool SessionTempViews = false,
    string? RunScopedCatalog = null,
    bool ClusterByWriteOrder = false)
{
    /// <summary>For people (debug): what the engine can do, in words.</summary>
    public string Describe()
    {
        static string YesNo(bool value) => value ? "yes" : "no";
        return $"transactional DDL {YesNo(TransactionalDdl)}, atomic CREATE OR REPLACE TABLE {YesNo(AtomicCreateOrReplaceTable)}, "
            + $"MERGE {YesNo(SupportsMerge)}, REPLACE WHERE {YesNo(SupportsReplaceWhere)}, lists start at {ListIndexBase}, "
            + $"concurrent writes {YesNo(ConcurrentWrites)}, reads local files {YesNo(ReadsLocalFiles)}, session temp tables {YesNo(SessionTempTables)}, "
            + $"INSERT … REPLACE ON {YesNo(InsertReplaceOn)}, session temp views {YesNo(SessionTempViews)}, "
            + $"run-scoped tables {(RunScopedCatalog is null ? "as ordinary tables" : $"in catalog {RunScopedCatalog}")}, "
            + $"cluster_by {(ClusterByWriteOrder ? "by the order rows are written in" : "in the table's definition")}";
    }
}
