using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>`build`: models, seeds and tests together; a failing error-severity test skips what depends on its model.</summary>
public class BuildRunsModelsAndTestsInDagOrder
{
    private static TempProject Project(string severity = "error") => new TempProject()
        .Write("models/base.sql", "{{ config materialized: 'table' }}\nselect * from (values (1), (null)) as t(id)")
        .Write("models/child.sql", "select * from {{ ref 'base' }}")
        .Write("models/grandchild.sql", "select * from {{ ref 'child' }}")
        .Write("models/side.sql", "select 1 as x")
        .Write("models/base.yml", $"models:\n  - name: base\n    columns:\n      - name: id\n        data_tests:\n          - not_null:\n              severity: {severity}\n");

    [Fact]
    public void A_failing_test_skips_the_descendants_of_its_model_but_not_other_branches()
    {
        using var project = Project();
        var results = project.Build();
        Assert.Equal(NodeStatus.Success, results.StatusOf("base"));
        Assert.Equal(NodeStatus.Fail, results.StatusOf("not_null_base_id"));
        Assert.Equal(NodeStatus.Skipped, results.StatusOf("child"));
        Assert.Equal(NodeStatus.Skipped, results.StatusOf("grandchild"));
        Assert.Equal(NodeStatus.Success, results.StatusOf("side"));
        Assert.True(results.Failed);
    }

    [Fact]
    public void A_warning_lets_the_descendants_build()
    {
        using var project = Project("warn");
        var results = project.Build();
        Assert.Equal(NodeStatus.Warn, results.StatusOf("not_null_base_id"));
        Assert.Equal(NodeStatus.Success, results.StatusOf("grandchild"));
        Assert.False(results.Failed);
    }

    [Fact]
    public void A_failing_unit_test_skips_its_model()
    {
        using var project = new TempProject()
            .Write("models/source_rows.sql", "select 1 as n")
            .Write("models/doubled.sql", "select n * 2 as n from {{ ref 'source_rows' }}")
            .Write("models/doubled.yml", """
                unit_tests:
                  - name: doubles
                    model: doubled
                    given:
                      - input: ref('source_rows')
                        rows: [{n: 2}]
                    expect:
                      rows: [{n: 5}]
                """);
        var results = project.Build();
        Assert.Equal(NodeStatus.Fail, results.StatusOf("doubles"));
        Assert.Equal(NodeStatus.Skipped, results.StatusOf("doubled"));
        Assert.Equal(NodeStatus.Success, results.StatusOf("source_rows"));
    }

    [Fact]
    public void Run_results_record_each_test_with_its_status_and_failures()
    {
        using var project = Project();
        project.Build();
        using var json = System.Text.Json.JsonDocument.Parse(project.Read("target/run_results.json"));
        var test = json.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString() == "test.not_null_base_id");
        Assert.Equal("fail", test.GetProperty("status").GetString());
        Assert.Equal(1, test.GetProperty("failures").GetInt64());
    }

    [Fact]
    public void A_relationships_test_pointing_downstream_does_not_deadlock_the_build()
    {
        using var project = new TempProject()
            .Write("models/orders.sql", "{{ config materialized: 'table' }}\nselect * from (values (1, 10), (2, 11)) as t(id, customer_id)")
            .Write("models/stg.sql", "{{ config materialized: 'ephemeral' }}\nselect * from {{ ref 'orders' }}")
            .Write("models/customers.sql", "select distinct customer_id from {{ ref 'stg' }}")
            .Write("models/orders.yml", "models:\n  - name: orders\n    columns:\n      - name: customer_id\n        data_tests:\n"
                + "          - relationships:\n              to: ref('customers')\n              field: customer_id\n");
        var results = project.Build();
        Assert.All(results.Nodes, n => Assert.True(n.Succeeded, $"{n.Name}: {n.Message}"));
        Assert.Equal(4, results.Nodes.Length);
    }

    [Fact]
    public void Tests_of_an_ephemeral_model_read_it_inlined()
    {
        using var project = new TempProject()
            .Write("models/eph.sql", "{{ config materialized: 'ephemeral' }}\nselect * from (values (1), (null)) as t(id)")
            .Write("models/eph.yml", "models:\n  - name: eph\n    columns:\n      - name: id\n        data_tests: [not_null]\n")
            .Write("models/tests/eph_has_rows.sql", "select 1 from (select count(*) as n from {{ ref 'eph' }}) as c where n = 0");
        var results = project.Build();
        Assert.Equal((NodeStatus.Fail, 1L), (results.StatusOf("not_null_eph_id"), results.Result("not_null_eph_id").Failures!.Value));
        Assert.Equal(NodeStatus.Pass, results.StatusOf("eph_has_rows"));
    }
}
