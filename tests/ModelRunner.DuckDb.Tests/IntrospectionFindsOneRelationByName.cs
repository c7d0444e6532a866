using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// The session answers "what is this relation" (from its schema's listing, several schemas in one) and "what are its columns", by name
/// (quoted, so any identifier works), and a relation that does not exist is an answer, not an error.
/// </summary>
public sealed class IntrospectionFindsOneRelationByName : IDisposable
{
    private readonly IEngine _engine = new DuckDbEngineFactory().Create(new TargetSettings("p", "dev", "duckdb", "main", null, 1,
        ImmutableDictionary<string, object?>.Empty.Add("path", ":memory:"), ""), Path.GetTempPath());
    private readonly IEngineSession _session;

    public IntrospectionFindsOneRelationByName()
    {
        _session = _engine.OpenSession();
        _session.Execute("create schema s");
        _session.Execute("create table s.t (id bigint, tags varchar[], ctx struct(a int, b varchar)[])");
        _session.Execute("create view s.v as select id, 1.5 as score from s.t");
        _session.Execute("create table s.\"odd.na\"\"me\" (x int)");
        _session.Execute("create temp table scratch (y date)");
    }

    /// <summary>As a run learns it: from the listing of the relation's schema, through the run's relation catalog.</summary>
    private RelationKind KindOf(Relation relation) => RelationCatalog.FromSession(_session).KindOf(relation);

    [Fact]
    public void Tables_views_and_missing_relations_are_told_apart()
    {
        Assert.Equal(RelationKind.Table, KindOf(new Relation(null, "s", "t")));
        Assert.Equal(RelationKind.View, KindOf(new Relation(null, "s", "v")));
        Assert.Equal(RelationKind.Table, KindOf(new Relation("memory", "s", "t")));
        Assert.Equal(RelationKind.Table, KindOf(new Relation("temp", "main", "scratch")));
        Assert.Equal(RelationKind.None, KindOf(new Relation(null, "s", "missing")));
        Assert.Equal(RelationKind.None, KindOf(new Relation(null, "no_such_schema", "t")));
        Assert.Equal(RelationKind.None, KindOf(new Relation("no_such_database", "s", "t")));
    }

    [Fact]
    public void Columns_come_in_table_order_with_DuckDB_type_names()
    {
        Assert.Equal(new[] { new ColumnInfo("id", "BIGINT"), new ColumnInfo("tags", "VARCHAR[]"), new ColumnInfo("ctx", "STRUCT(a INTEGER, b VARCHAR)[]") },
            _session.GetColumns(new Relation(null, "s", "t")));
        Assert.Equal(new[] { new ColumnInfo("id", "BIGINT"), new ColumnInfo("score", "DECIMAL(2,1)") }, _session.GetColumns(new Relation(null, "s", "v")));
    }

    [Fact]
    public void Identifiers_that_need_quoting_are_found()
    {
        var odd = new Relation(null, "s", "odd.na\"me");
        Assert.Equal(RelationKind.Table, KindOf(odd));
        Assert.Equal(new[] { new ColumnInfo("x", "INTEGER") }, _session.GetColumns(odd));
    }

    [Fact]
    public void A_missing_relation_has_no_columns_and_the_session_goes_on()
    {
        Assert.Empty(_session.GetColumns(new Relation(null, "s", "missing")));
        Assert.Equal(3L, _session.Query("select count(*) from pragma_table_info('s.t')").Rows[0][0]);
    }

    [Fact]
    public void A_schema_lists_its_tables_and_views()
    {
        var relations = _session.ListRelations(null, "s");
        Assert.Equal(RelationKind.Table, relations["t"]);
        Assert.Equal(RelationKind.View, relations["v"]);
        Assert.Equal(3, relations.Count);
    }

    [Fact]
    public void Several_schemas_are_described_at_once_each_with_its_own_relations_and_columns()
    {
        _session.Execute("create schema \"Other's\"");
        _session.Execute("create table \"Other's\".t (z varchar)");
        var listings = _session.DescribeSchemas(null, ["s", "other's", "no_such_schema", "S"]);
        Assert.Equal(3, listings.Count); // "S" is "s": identifiers ignore case
        Assert.Equal(new[] { "odd.na\"me", "t", "v" }, listings["s"].Relations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { new ColumnInfo("id", "BIGINT"), new ColumnInfo("score", "DECIMAL(2,1)") }, listings["S"].Columns!["v"]);
        Assert.Equal(new[] { new ColumnInfo("z", "VARCHAR") }, listings["other's"].Columns!["t"]);
        Assert.Empty(listings["no_such_schema"].Relations);
        Assert.Equal([true, true, false], new[] { "s", "other's", "no_such_schema" }.Select(s => listings[s].Exists));
        // Without a database named, a schema of that name in another attached database is not this one's.
        _session.Execute("attach ':memory:' as elsewhere");
        _session.Execute("create schema elsewhere.only_there");
        Assert.False(_session.DescribeSchemas(null, ["only_there"])["only_there"].Exists);
        Assert.True(_session.DescribeSchemas("elsewhere", ["only_there"])["only_there"].Exists);
        Assert.Empty(_session.DescribeSchemas(null, []));
    }

    public void Dispose()
    {
        _session.Dispose();
        _engine.Dispose();
    }
}
