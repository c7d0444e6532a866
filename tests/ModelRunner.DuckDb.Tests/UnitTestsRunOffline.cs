using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>Unit tests: given rows for refs, sources and this, the model's rows compared with the expected ones, on in-memory DuckDB.</summary>
public class UnitTestsRunOffline
{
    private const string DailySql = """
        {{ config materialized: "incremental" unique_key: "day" }}
        select day, count(*) as orders, sum(amount) as revenue
        from {{ ref "orders" }}
        {{~ if is_incremental }}
        where day >= (select max(day) from {{ this }})
        {{~ end }}
        group by day
        """;

    private static TempProject Project(string unitTests) => new TempProject()
        .Write("models/orders.sql", "select 1 as id, date '2024-01-01' as day, 2.5 as amount")
        .Write("models/daily.sql", DailySql)
        .Write("models/daily.yml", "unit_tests:\n" + unitTests);

    private const string Given = """
            given:
              - input: ref('orders')
                rows:
                  - {id: 1, day: 2024-01-01, amount: 10}
                  - {id: 2, day: 2024-01-01, amount: 2}
                  - {id: 3, day: 2024-01-02, amount: 4}

        """;

    [Fact]
    public void Expected_rows_that_match_pass()
    {
        using var project = Project("  - name: sums_per_day\n    model: daily\n" + Given
            + "    expect:\n      rows:\n        - {day: 2024-01-02, orders: 1, revenue: 4}\n        - {day: 2024-01-01, orders: 2, revenue: 12}\n");
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("sums_per_day"));
    }

    [Fact]
    public void A_wrong_expected_row_prints_a_diff_of_the_cells()
    {
        using var project = Project("  - name: sums_per_day\n    model: daily\n" + Given
            + "    expect:\n      rows:\n        - {day: 2024-01-02, orders: 1, revenue: 4}\n        - {day: 2024-01-01, orders: 2, revenue: 13}\n        - {day: 2024-01-03, orders: 9, revenue: 9}\n");
        var result = project.Test().Result("sums_per_day");
        Assert.Equal(NodeStatus.Fail, result.Status);
        Assert.Contains("2024-01-01 | 2      | 13 → 12", result.Message);
        Assert.Contains("- | 2024-01-03 | 9      | 9", result.Message);
        Assert.Contains("models/daily.yml", result.Message);
    }

    [Fact]
    public void An_extra_row_is_reported_with_a_plus()
    {
        using var project = Project("  - name: only_one\n    model: daily\n" + Given
            + "    expect:\n      rows:\n        - {day: 2024-01-02}\n");
        var result = project.Test().Result("only_one");
        Assert.Equal(NodeStatus.Fail, result.Status);
        Assert.Contains("+ | 2024-01-01", result.Message);
    }

    [Fact]
    public void Is_incremental_renders_the_incremental_branch_against_the_given_this()
    {
        using var project = Project("""
              - name: new_days_only
                model: daily
                overrides:
                  macros: {is_incremental: true}
                given:
                  - input: ref('orders')
                    format: csv
                    rows: |
                      id,day,amount
                      1,2024-01-01,10
                      3,2024-01-02,4
                  - input: this
                    rows: [{day: 2024-01-02, orders: 5, revenue: 1}]
                expect:
                  rows: [{day: 2024-01-02, orders: 1, revenue: 4}]
            """);
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("new_days_only"));
    }

    [Fact]
    public void Inputs_can_come_from_a_csv_fixture_file()
    {
        using var project = Project("  - name: from_fixture\n    model: daily\n    given:\n      - input: ref('orders')\n        fixture: three_orders\n"
                + "    expect:\n      format: csv\n      rows: |\n        day,orders\n        2024-01-01,2\n        2024-01-02,1\n")
            .Write("models/fixtures/three_orders.csv", "id,day,amount\n1,2024-01-01,1\n2,2024-01-01,1\n3,2024-01-02,1\n");
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("from_fixture"));
    }

    [Fact]
    public void Declared_column_types_apply_and_missing_columns_are_null()
    {
        using var project = new TempProject()
            .Write("models/events.sql", "select 'a' as code, 1 as n, 'x' as note")
            .Write("models/codes.sql", "select code, n + 1 as n, note is null as no_note from {{ ref 'events' }}")
            .Write("models/events.yml", """
                models:
                  - name: events
                    columns:
                      - {name: code, data_type: varchar}
                      - {name: n, data_type: bigint}
                      - {name: note, data_type: varchar}
                unit_tests:
                  - name: codes_stay_text
                    model: codes
                    given:
                      - input: ref('events')
                        rows: [{code: '007', n: 1}]
                    expect:
                      rows: [{code: '007', n: 2, no_note: true}]
                """);
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("codes_stay_text"));
    }

    [Fact]
    public void Vars_can_be_overridden_per_test()
    {
        using var project = new TempProject(extraProjectYaml: "vars:\n  factor: 2\n")
            .Write("models/base.sql", "select 1 as n")
            .Write("models/scaled.sql", "select n * {{ var 'factor' }} as n from {{ ref 'base' }}")
            .Write("models/scaled.yml", "unit_tests:\n  - name: triples\n    model: scaled\n    overrides:\n      vars: {factor: 3}\n"
                + "    given:\n      - input: ref('base')\n        rows: [{n: 2}]\n    expect:\n      rows: [{n: 6}]\n");
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("triples"));
    }

    [Fact]
    public void A_missing_input_is_refused_at_load_with_the_file()
    {
        using var project = Project("  - name: no_inputs\n    model: daily\n    given: []\n    expect:\n      rows: []\n");
        var error = Assert.Throws<Core.Diagnostics.ProjectException>(() => project.Open());
        Assert.Contains("models/daily.yml", error.Message);
        Assert.Contains("needs rows for ref('orders')", error.Message);
    }

    [Fact]
    public void Unit_tests_never_connect_to_the_target_and_use_the_offline_engine_macros()
    {
        // The target's engine cannot even be created: unit tests must not need it.
        using var project = new TempProject()
            .Write("profiles/profiles.yml", "test:\n  target: prod\n  outputs:\n    prod:\n      type: warehouse\n      schema: gold\n")
            .Write("macros/fmt.sql", "{{~\nfunc warehouse__twice(x)\n  ret \"twice_in_warehouse(\" + x + \")\"\nend\nfunc duckdb__twice(x)\n  ret \"(\" + x + \" * 2)\"\nend\n~}}")
            .Write("models/base.sql", "select 1 as n")
            .Write("models/doubled.sql", "select {{ twice 'n' }} as n from {{ ref 'base' }}")
            .Write("models/doubled.yml", "unit_tests:\n  - name: doubles\n    model: doubled\n    given:\n      - input: ref('base')\n        rows: [{n: 21}]\n"
                + "    expect:\n      rows: [{n: 42}]\n");
        var engines = new EngineRegistry([new DuckDbEngineFactory(), new UnreachableWarehouse()]);
        var workspace = Workspace.Open(project.Options(), engines);
        var request = new RunRequest([], [], false, 1, false, RunMode.Tests, []) { Tests = TestKinds.Unit };
        var results = new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory()).Run(workspace, request, new CollectingReporter());
        Assert.Equal(NodeStatus.Pass, results.StatusOf("doubles"));
    }

    private sealed class UnreachableWarehouse : IEngineFactory
    {
        public string Type => "warehouse";
        public EngineCapabilities Capabilities => DuckDbEngineFactory.DuckDbCapabilities with { ListIndexBase = 0 };
        public SqlDialect Dialect { get; } = new DuckDbDialect();
        public IReadOnlyCollection<string> KnownSettings { get; } = ImmutableArray.Create("schema");
        public IEngine Create(TargetSettings target, string projectDirectory, bool readOnly = false) => throw new InvalidOperationException("no warehouse here");
    }
}
