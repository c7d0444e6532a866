namespace ModelRunner.Core.Engines;

/// <summary>
/// The SQL an engine speaks for each primitive a materialization needs. The defaults are ANSI-style
/// with double-quoted identifiers; an engine overrides what differs, in this one place.
/// </summary>
public abstract class SqlDialect
{
    public virtual string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>A relation as SQL; one without a schema (a session's temporary view) by its bare name.</summary>
    public virtual string Render(Relation relation) =>
        relation.Schema.Length == 0 ? QuoteIdentifier(relation.Identifier)
        : (relation.Database is null ? "" : QuoteIdentifier(relation.Database) + ".")
        + QuoteIdentifier(relation.Schema) + "." + QuoteIdentifier(relation.Identifier);

    /// <summary>A relation as a query that returns its columns and no rows (--empty).</summary>
    public virtual string EmptyQuery(Relation relation) => $"(select * from {Render(relation)} where false)";

    public virtual string QuoteString(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>Whether a backslash escapes the next character inside a string literal (Spark SQL's), not only a doubled quote.</summary>
    public virtual bool BackslashEscapesInStrings => false;

    /// <summary>After rows were deleted (an erasure): the statements that remove them from storage now; none where a delete is.</summary>
    public virtual IReadOnlyList<string> PurgeDeleted(IReadOnlyList<Relation> relations) => [];

    /// <summary>What to run once the table's retention period has passed (Delta's VACUUM); nothing where a purge is final.</summary>
    public virtual IReadOnlyList<string> PurgeAfterRetention(IReadOnlyList<Relation> relations) => [];

    /// <summary>A timestamp literal of a 'yyyy-MM-dd HH:mm:ss' text.</summary>
    public virtual string TimestampLiteral(string text) => $"cast({QuoteString(text)} as timestamp)";

    /// <summary>The rows of a relation whose <paramref name="column"/> lies in [start, end) (a keyhole run's input, dbt's event_time filter).</summary>
    public virtual string EventTimeFilter(Relation relation, string column, string start, string end) =>
        $"(select * from {Render(relation)} where {QuoteIdentifier(column)} >= {TimestampLiteral(start)} and {QuoteIdentifier(column)} < {TimestampLiteral(end)})";

    public virtual string CreateSchema(string? database, string schema) =>
        $"create schema if not exists {(database is null ? "" : QuoteIdentifier(database) + ".")}{QuoteIdentifier(schema)}";

    public virtual string CreateOrReplaceView(Relation relation, string sql) =>
        $"create or replace view {Render(relation)} as\n{sql}";

    /// <summary>A table from a query; <paramref name="options"/> (partitioning, clustering, properties) where the engine has them.</summary>
    public virtual string CreateTableAs(Relation relation, string sql, TableOptions? options = null, bool ifNotExists = false) =>
        $"create table {(ifNotExists ? "if not exists " : "")}{Render(relation)} as\n{sql}";

    /// <summary>
    /// Where a table private to the session lives (<see cref="EngineCapabilities.SessionTempTables"/>); engines
    /// without such tables never ask.
    /// </summary>
    public virtual Relation SessionTempRelation(string identifier) =>
        throw new NotSupportedException("this engine has no session temp tables");

    public virtual string CreateSessionTempTableAs(Relation relation, string sql) =>
        $"create temporary table {Render(relation)} as\n{sql}";

    /// <summary>A view only the session sees (<see cref="EngineCapabilities.SessionTempViews"/>): named by itself, without a schema.</summary>
    public static Relation SessionTempViewRelation(string identifier) => new(null, "", identifier);

    public virtual string CreateSessionTempViewAs(Relation relation, string sql) =>
        $"create or replace temporary view {Render(relation)} as\n{sql}";

    public virtual string CreateOrReplaceTableAs(Relation relation, string sql, TableOptions? options = null) =>
        $"create or replace table {Render(relation)} as\n{sql}";

    /// <summary>Statements run after a table is built or receives rows (Delta's OPTIMIZE … ZORDER BY); none by default.</summary>
    public virtual IReadOnlyList<string> AfterBuild(Relation relation, TableOptions options) => [];

    public virtual string Drop(Relation relation, RelationKind kind) =>
        $"drop {(kind == RelationKind.View ? "view" : "table")} if exists {Render(relation)}";

    public virtual string Rename(Relation relation, string newIdentifier, RelationKind kind) =>
        $"alter {(kind == RelationKind.View ? "view" : "table")} {Render(relation)} rename to {QuoteIdentifier(newIdentifier)}";

    public virtual string AddColumn(Relation relation, ColumnInfo column) =>
        $"alter table {Render(relation)} add column {QuoteIdentifier(column.Name)} {column.DataType}";

    public virtual string InsertInto(Relation target, Relation source, IReadOnlyList<string> columns)
    {
        var list = ColumnList(columns);
        return $"insert into {Render(target)} ({list})\nselect {list} from {Render(source)}";
    }

    /// <summary>
    /// dbt's incremental_predicates name the two sides DBT_INTERNAL_DEST and DBT_INTERNAL_SOURCE; they become the
    /// aliases (or, where a statement has none, the relations) of this statement.
    /// </summary>
    /// <summary>Two sides' rows with equal keys: <c>left.k = right.k and …</c> ('=', as dbt's: a null key matches nothing).</summary>
    protected string KeysEqual(IReadOnlyList<string> keys, string left, string right) =>
        string.Join(" and ", keys.Select(k => $"{left}.{QuoteIdentifier(k)} = {right}.{QuoteIdentifier(k)}"));

    protected string Predicates(IReadOnlyList<string>? predicates, string dest, string source, Relation destRelation, Relation sourceRelation) =>
        predicates is null || predicates.Count == 0 ? ""
            : string.Concat(predicates.Select(p => " and (" + Sides(p, dest, source, destRelation, sourceRelation) + ")"));

    /// <summary>A side named after FROM is a relation (a subquery reads it); elsewhere it is the statement's alias.</summary>
    private string Sides(string predicate, string dest, string source, Relation destRelation, Relation sourceRelation) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(predicate, @"(?i)(\bfrom\s+)DBT_INTERNAL_(DEST|SOURCE)\b",
                m => m.Groups[1].Value + Render(m.Groups[2].Value.Equals("DEST", StringComparison.OrdinalIgnoreCase) ? destRelation : sourceRelation)),
            @"(?i)\bDBT_INTERNAL_(DEST|SOURCE)\b", m => m.Groups[1].Value.Equals("DEST", StringComparison.OrdinalIgnoreCase) ? dest : source);

    public virtual string Merge(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<string>? predicates = null)
    {
        var on = KeysEqual(keys, "target", "source")
            + Predicates(predicates, "target", "source", target, source);
        var updates = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{QuoteIdentifier(c)} = source.{QuoteIdentifier(c)}").ToList();
        var list = ColumnList(columns);
        var values = string.Join(", ", columns.Select(c => "source." + QuoteIdentifier(c)));
        var matched = updates.Count == 0 ? "" : $"{MergeRefusal(keys)}when matched then update set {string.Join(", ", updates)}\n";
        var using_ = updates.Count == 0 ? Render(source) : MergeSource(source, keys);
        return $"merge into {Render(target)} as target\nusing {using_} as source\non {on}\n{matched}"
            + $"when not matched then insert ({list}) values ({values})";
    }

    /// <summary>What a MERGE that updates reads as its new rows (<c>source</c>): the relation itself by default.</summary>
    protected virtual string MergeSource(Relation source, IReadOnlyList<string> keys) => Render(source);

    /// <summary>A clause before a MERGE's update refusing a table row that several new rows match; none where the engine refuses it itself.</summary>
    protected virtual string MergeRefusal(IReadOnlyList<string> keys) => "";

    /// <summary>Deletes target rows whose key tuple appears in the source (delete+insert's first half).</summary>
    public virtual string DeleteMatching(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string>? predicates = null)
    {
        var match = KeysEqual(keys, "source", Render(target));
        return $"delete from {Render(target)}\nwhere exists (select 1 from {Render(source)} as source where {match})"
            + Predicates(predicates, Render(target), Render(source), target, source);
    }

    /// <summary>Deletes target rows whose partition values appear in the source (insert_overwrite's first half).</summary>
    public virtual string DeletePartitions(Relation target, Relation source, IReadOnlyList<string> partitionColumns)
    {
        // Null partitions are replaced too, hence "is not distinct from" rather than "=".
        var match = string.Join(" and ", partitionColumns.Select(c =>
            $"source.{QuoteIdentifier(c)} is not distinct from {Render(target)}.{QuoteIdentifier(c)}"));
        return $"delete from {Render(target)}\nwhere exists (select 1 from {Render(source)} as source where {match})";
    }

    // What a plan decided at run time (an exported job's task) needs: the columns are not known when it is written.

    /// <summary>MERGE of every column by name; with <paramref name="evolveSchema"/> new columns of the source are added to the target.</summary>
    public virtual string MergeByName(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string>? predicates, bool evolveSchema) =>
        throw new EngineException("this engine cannot merge columns by name in a plan decided at run time");

    /// <summary>INSERT of every column by name; with <paramref name="evolveSchema"/> new columns of the source are added to the target.</summary>
    public virtual string InsertByName(Relation target, Relation source, bool evolveSchema) =>
        evolveSchema ? throw new EngineException("this engine cannot add columns while it inserts")
            : $"insert into {Render(target)} by name\nselect * from {Render(source)}";

    /// <summary>A query returning one row whose column <paramref name="alias"/> counts the tables named as <paramref name="relation"/> (0 or 1).</summary>
    public virtual string CountTables(Relation relation, string alias) =>
        $"select count(*) as {QuoteIdentifier(alias)} from information_schema.tables\n"
        + $"where table_schema = {QuoteString(relation.Schema)} and table_name = {QuoteString(relation.Identifier)}";

    /// <summary>A statement that fails with <paramref name="message"/> when the two relations' column names differ.</summary>
    public virtual string FailWhenColumnsDiffer(Relation target, Relation source, string message) =>
        throw new EngineException("this engine cannot compare columns in a plan decided at run time");

    /// <summary>A query reading a CSV file with a header row, or null where the engine cannot read files.</summary>
    public virtual string? ReadCsv(string path, IReadOnlyDictionary<string, string> columnTypes) => null;

    /// <summary>delete+insert: rows of the source replace target rows with the same key.</summary>
    public virtual IReadOnlyList<string> DeleteInsert(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<string>? predicates = null) =>
        new[] { DeleteMatching(target, source, keys, predicates), InsertInto(target, source, columns) };

    /// <summary>delete+insert as one statement (<see cref="EngineCapabilities.InsertReplaceOn"/>): target rows matching a source row's key are replaced.</summary>
    public virtual string InsertReplaceOn(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<string>? predicates = null) =>
        throw new EngineException("this engine has no INSERT … REPLACE ON");

    /// <summary>insert_overwrite: the partitions present in the source replace the same partitions of the target.</summary>
    public virtual IReadOnlyList<string> InsertOverwrite(Relation target, Relation source, IReadOnlyList<string> partitionColumns, IReadOnlyList<string> columns) =>
        new[] { DeletePartitions(target, source, partitionColumns), InsertInto(target, source, columns) };

    /// <summary>
    /// insert_overwrite in one atomic statement where the engine has it (Delta's INSERT INTO … REPLACE WHERE): the rows
    /// of the given partition values are replaced by the new rows.
    /// </summary>
    public virtual string InsertReplaceWhere(Relation target, Relation source, IReadOnlyList<string> partitionColumns,
        IReadOnlyList<object?[]> partitionValues, IReadOnlyList<string> columns)
    {
        var predicate = partitionValues.Count == 0 ? "false" : string.Join(" or ", partitionValues.Select(row =>
            "(" + string.Join(" and ", partitionColumns.Select((c, i) => row[i] is null
                ? $"{QuoteIdentifier(c)} is null"
                : $"{QuoteIdentifier(c)} = {Literal(row[i]!)}")) + ")"));
        return $"insert into {Render(target)} replace where {predicate}\nselect {ColumnList(columns)} from {Render(source)}";
    }

    /// <summary>A value read back from the engine as a SQL literal (text, numbers, booleans, dates and timestamps).</summary>
    public virtual string Literal(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTime d => $"timestamp {QuoteString(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.'))}",
        DateOnly d => $"date {QuoteString(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}",
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => QuoteString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    public virtual string Limit(string sql, int rows) => $"select * from (\n{sql}\n) as limited limit {rows}";

    protected string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(QuoteIdentifier));
}
