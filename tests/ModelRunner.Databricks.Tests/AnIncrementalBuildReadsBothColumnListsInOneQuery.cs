using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// Each query to a SQL warehouse is a round trip: the columns an incremental build compares (its new rows and its table)
/// come from one information_schema query, split per relation in column order.
/// </summary>
public class AnIncrementalBuildReadsBothColumnListsInOneQuery
{
    private sealed class Warehouse : IStatementClient
    {
        public List<(string Sql, object?[] Parameters)> Queries { get; } = [];
        public long Execute(string sql, params object?[] parameters) => 0;
        public QueryResult Query(string sql, int? maxRows = null, params object?[] parameters)
        {
            Queries.Add((sql, parameters));
            return new QueryResult(["table_schema", "table_name", "column_name", "full_data_type"],
            [
                ["analytics", "daily", "day", "date"], ["analytics", "daily", "n", "bigint"],
                ["analytics", "daily__mr_new", "day", "date"], ["analytics", "daily__mr_new", "n", "bigint"], ["analytics", "daily__mr_new", "app", "string"],
            ]);
        }
        public void Cancel() { }
        public void Dispose() { }
    }

    [Fact]
    public void The_new_rows_and_the_table_are_described_by_one_query()
    {
        var warehouse = new Warehouse();
        var session = new DatabricksSession(warehouse, "main", new DatabricksDialect());
        var (table, newRows) = (new Relation("main", "analytics", "daily"), new Relation("main", "analytics", "daily__mr_new"));
        var columns = ((IEngineSession)session).GetColumnsOf([newRows, table]);
        var query = Assert.Single(warehouse.Queries);
        Assert.Contains("`main`.information_schema.columns", query.Sql);
        Assert.Equal(["analytics", "daily__mr_new", "analytics", "daily"], query.Parameters);
        Assert.Equal(["day", "n", "app"], columns[newRows].Select(c => c.Name));
        Assert.Equal([new ColumnInfo("day", "date"), new ColumnInfo("n", "bigint")], columns[table]);
    }
}
