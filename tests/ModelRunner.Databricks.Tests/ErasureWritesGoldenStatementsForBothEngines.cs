using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Erasure;
using ModelRunner.DuckDb;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// What `modelrunner erase` sends for a table of atomic.events and a gold table, per engine: the rows found by each
/// identifying column (values quoted as each engine reads strings) (and, in atomic.events, by the ids inside the client session and web page contexts, with each
/// engine's list index), and the statements that make the deletion physical (Databricks: REORG … APPLY (PURGE), then
/// VACUUM after the retention period; DuckDB: none, its engine rewrites the file, see ErasePurgeLeavesNoTraceInTheDuckDbFile).
/// Golden files: TestFiles/golden/erase/&lt;engine&gt;.sql.
/// </summary>
public class ErasureWritesGoldenStatementsForBothEngines
{
    [Theory]
    [InlineData("duckdb")]
    [InlineData("databricks")]
    public void The_erasure_statements_match_the_golden_file(string engine)
    {
        SqlDialect dialect = engine == "duckdb" ? new DuckDbDialect() : new DatabricksDialect();
        var index = engine == "duckdb" ? 1 : 0;
        var ids = new ErasedIdentifiers(ImmutableSortedSet.Create(StringComparer.Ordinal, "user-7", "d3v1c3", "o'brien"),
            ImmutableSortedSet.Create(StringComparer.Ordinal, "s-1"), ImmutableSortedSet.Create(StringComparer.Ordinal, "pv-1", "pv-2"));
        EraseTarget[] targets =
        [
            new("atomic.events", new Relation("main", "atomic", "events"),
            [
                (dialect.QuoteIdentifier("domain_userid"), IdentifierKind.User), (dialect.QuoteIdentifier("user_id"), IdentifierKind.Login),
                ($"{dialect.QuoteIdentifier("contexts_com_snowplowanalytics_snowplow_client_session_1")}[{index}].user_id", IdentifierKind.User),
                (dialect.QuoteIdentifier("domain_sessionid"), IdentifierKind.Session),
                ($"{dialect.QuoteIdentifier("contexts_com_snowplowanalytics_snowplow_web_page_1")}[{index}].id", IdentifierKind.PageView),
            ]),
            new("snowplow_web_sessions", new Relation("main", "derived", "snowplow_web_sessions"),
                [(dialect.QuoteIdentifier("domain_userid"), IdentifierKind.User), (dialect.QuoteIdentifier("stitched_user_id"), IdentifierKind.Login)]),
        ];
        var statements = targets.SelectMany(t => ErasePlan.Predicate(dialect, t, ids) is { } p ? [ErasePlan.Count(dialect, t, p), ErasePlan.Delete(dialect, t, p)] : Array.Empty<string>())
            .Concat(dialect.PurgeDeleted(targets.Select(t => t.Relation).ToList()))
            .Concat(dialect.PurgeAfterRetention(targets.Select(t => t.Relation).ToList()));
        var text = string.Join(";\n\n", statements) + ";\n";
        Assert.True(Golden.Matches(Path.Combine("erase", engine), text), $"{engine}: the erasure statements differ from the golden file:\n{text}");
    }
}
