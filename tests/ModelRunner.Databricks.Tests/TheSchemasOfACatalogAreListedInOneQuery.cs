using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// A run reads what exists in every schema it builds in before it compiles: on a warehouse each query is a round trip,
/// so the schemas of one catalog are listed together, tables with their columns, and the answer is split per schema
/// (a schema with nothing in it is known to be empty, not asked again); the schemas come from `schemata`, so one that
/// exists is not created again.
/// </summary>
public class TheSchemasOfACatalogAreListedInOneQuery
{
    private sealed class Warehouse : IStatementClient
    {
        public List<(string Sql, object?[] Parameters)> Queries { get; } = [];
        public long Execute(string sql, params object?[] parameters) => 0;

        public QueryResult Query(string sql, int? maxRows = null, params object?[] parameters)
        {
            Queries.Add((sql, parameters));
            return new QueryResult(["table_schema", "table_name", "table_type", "column_name", "full_data_type"],
            [
                ["derived", "page_views", "MANAGED", "page_view_id", "string"], ["derived", "page_views", "MANAGED", "start_tstamp", "timestamp"],
                ["Scratch", "events_this_run", "VIEW", "event_id", "string"], ["empty", null, null, null, null],
            ]);
        }

        public void Cancel() { }
        public void Dispose() { }
    }

    [Fact]
    public void Four_schemas_take_one_query_and_each_gets_its_own_tables_columns_and_existence()
    {
        var warehouse = new Warehouse();
        var catalog = RelationCatalog.FromSession(new DatabricksSession(warehouse, "main", new DatabricksDialect()));
        catalog.Read([("main", "derived"), ("main", "scratch"), ("main", "manifest"), ("main", "empty"), ("main", "derived")]);

        var (sql, parameters) = Assert.Single(warehouse.Queries);
        Assert.Contains("from `main`.information_schema.schemata as s left join `main`.information_schema.tables", sql);
        Assert.Contains("where s.schema_name in (?, ?, ?, ?)", sql);
        Assert.Equal(new object?[] { "derived", "scratch", "manifest", "empty" }, parameters);

        Assert.Equal(RelationKind.Table, catalog.KindOf(new Relation("main", "derived", "page_views")));
        Assert.Equal(RelationKind.View, catalog.KindOf(new Relation("main", "scratch", "events_this_run")));
        Assert.Equal(RelationKind.None, catalog.KindOf(new Relation("main", "scratch", "page_views")));
        Assert.Equal(RelationKind.None, catalog.KindOf(new Relation("main", "manifest", "incremental_manifest")));
        Assert.Equal(["page_view_id", "start_tstamp"], catalog.ColumnsOf(new Relation("main", "derived", "page_views"))!.Select(c => c.Name));
        // A schema the listing names exists (an empty one comes back as a row without a table); one it does not name, the
        // run creates.
        Assert.True(catalog.SchemaExists("main", "derived"));
        Assert.True(catalog.SchemaExists("main", "empty"));
        Assert.False(catalog.SchemaExists("main", "manifest"));
        Assert.Single(warehouse.Queries); // every answer above came from the one listing
    }
}
