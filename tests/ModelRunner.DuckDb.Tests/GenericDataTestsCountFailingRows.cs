using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>Each built-in generic test, on real DuckDB: it fails on bad rows, counting them, and passes on good ones.</summary>
public class GenericDataTestsCountFailingRows
{
    // Five orders: one without a customer, a duplicated id, an unknown status, a negative amount, a customer that does not exist.
    private const string Orders = """
        {{ config materialized: "table" }}
        select * from (values
            (1, 10, 'placed', 5),
            (2, null, 'shipped', 7),
            (2, 11, 'lost', 3),
            (3, 12, 'placed', -4),
            (4, 99, 'placed', 1)
        ) as t(order_id, customer_id, status, amount)
        """;

    private const string Customers = """
        {{ config materialized: "table" }}
        select * from (values (10), (11), (12)) as t(customer_id)
        """;

    private static (NodeStatus Status, long? Failures) RunTest(string columnOrModelYaml)
    {
        using var project = new TempProject()
            .Write("models/orders.sql", Orders)
            .Write("models/customers.sql", Customers)
            .Write("models/orders.yml", "version: 2\nmodels:\n  - name: orders\n" + columnOrModelYaml);
        project.Run();
        var results = project.Test();
        var test = Assert.Single(results.Nodes);
        return (test.Status, test.Failures);
    }

    [Theory]
    [InlineData("    columns:\n      - name: customer_id\n        data_tests: [not_null]\n", 1)]
    [InlineData("    columns:\n      - name: order_id\n        data_tests: [unique]\n", 1)]
    [InlineData("    data_tests:\n      - unique:\n          combination_of_columns: [order_id, customer_id]\n", 0)]
    [InlineData("    data_tests:\n      - unique_combination_of_columns:\n          combination_of_columns: [order_id, status]\n", 0)]
    [InlineData("    columns:\n      - name: status\n        data_tests:\n          - accepted_values:\n              values: [placed, shipped]\n", 1)]
    [InlineData("    columns:\n      - name: amount\n        data_tests:\n          - accepted_values:\n              values: [5, 7, 3, -4, 1]\n              quote: false\n", 0)]
    [InlineData("    columns:\n      - name: customer_id\n        data_tests:\n          - relationships:\n              to: ref('customers')\n              field: customer_id\n", 1)]
    [InlineData("    columns:\n      - name: amount\n        data_tests:\n          - accepted_range:\n              min_value: 0\n", 1)]
    [InlineData("    columns:\n      - name: amount\n        data_tests:\n          - accepted_range:\n              min_value: 1\n              max_value: 7\n              inclusive: false\n", 3)]
    [InlineData("    columns:\n      - name: amount\n        data_tests:\n          - expression_is_true:\n              expression: '> 0'\n", 1)]
    [InlineData("    data_tests:\n      - expression_is_true:\n          expression: 'amount < 100 and order_id > 0'\n", 0)]
    public void A_built_in_test_counts_the_rows_that_break_it(string yaml, long failures)
    {
        var (status, counted) = RunTest(yaml);
        Assert.Equal(failures, counted);
        Assert.Equal(failures == 0 ? NodeStatus.Pass : NodeStatus.Fail, status);
    }

    [Fact]
    public void Dbt_1_10_arguments_and_config_blocks_are_read()
    {
        var (status, failures) = RunTest(
            "    columns:\n      - name: status\n        data_tests:\n          - accepted_values:\n              arguments:\n                values: [placed]\n              config:\n                severity: warn\n");
        Assert.Equal((NodeStatus.Warn, 2L), (status, failures));
    }

    [Fact]
    public void A_test_on_a_source_reads_the_source_table()
    {
        using var project = new TempProject()
            .Write("models/raw.sql", "{{ config materialized: 'table' schema: 'raw' }}\nselect * from (values (1), (null)) as t(id)")
            .Write("models/sources.yml", """
                version: 2
                sources:
                  - name: lake
                    schema: main_raw
                    tables:
                      - name: raw
                        columns:
                          - name: id
                            data_tests: [not_null]
                """);
        project.Run();
        var results = project.Test();
        var test = results.Result("source_not_null_lake_raw_id");
        Assert.Equal((NodeStatus.Fail, 1L), (test.Status, test.Failures));
    }
}
