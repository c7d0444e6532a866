using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Testing;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>Data tests become named nodes at load time, with what they read known statically; mistakes are found before anything runs.</summary>
public class DataTestsAreDeclaredAndCheckedAtLoad
{
    private static TempProject Project(string yaml) => new TempProject()
        .Write("models/orders.sql", "select 1 as id, 1 as customer_id, 'placed' as status")
        .Write("models/customers.sql", "select 1 as id")
        .Write("models/orders.yml", "version: 2\nmodels:\n  - name: orders\n" + yaml);

    private static IReadOnlyList<DataTestNode> Tests(string yaml)
    {
        using var project = Project(yaml);
        return project.Open().Project.DataTests;
    }

    [Fact]
    public void Tests_are_named_as_dbt_names_them()
    {
        var names = Tests("    columns:\n      - name: status\n        data_tests:\n          - not_null\n          - accepted_values:\n              values: [placed, shipped]\n")
            .Select(t => t.Name);
        Assert.Equal(["accepted_values_orders_status__placed__shipped", "not_null_orders_status"], names);
    }

    [Fact]
    public void A_relationships_target_is_a_dependency_of_the_test()
    {
        var test = Assert.Single(Tests("    columns:\n      - name: customer_id\n        data_tests:\n          - relationships:\n              to: ref('customers')\n              field: id\n"));
        Assert.Equal(["orders", "customers"], test.DependsOn.ToArray());
        Assert.Equal("orders", test.AttachedTo);
    }

    [Fact]
    public void A_custom_name_replaces_the_generated_one()
    {
        var test = Assert.Single(Tests("    columns:\n      - name: id\n        data_tests:\n          - unique:\n              name: orders_have_unique_ids\n"));
        Assert.Equal("orders_have_unique_ids", test.Name);
    }

    [Fact]
    public void A_missing_argument_names_the_test_and_the_file()
    {
        using var project = Project("    columns:\n      - name: status\n        data_tests: [accepted_values]\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("needs the argument 'values'", error.Message);
        Assert.Equal("models/orders.yml", error.Diagnostics[0].File);
    }

    [Fact]
    public void An_unknown_ref_in_a_test_is_refused_with_a_suggestion()
    {
        using var project = Project("    columns:\n      - name: customer_id\n        data_tests:\n          - relationships:\n              to: ref('customer')\n              field: id\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("Did you mean 'customers'", error.Message);
    }

    [Fact]
    public void Two_tests_with_the_same_name_are_refused()
    {
        using var project = Project("    columns:\n      - name: id\n        data_tests: [not_null, not_null]\n");
        Assert.Contains("two data tests are named 'not_null_orders_id'", Assert.Throws<ProjectException>(() => project.Open()).Message);
    }

    [Fact]
    public void A_bad_severity_is_refused()
    {
        using var project = Project("    columns:\n      - name: id\n        data_tests:\n          - not_null:\n              severity: fatal\n");
        Assert.Contains("severity must be 'warn' or 'error'", Assert.Throws<ProjectException>(() => project.Open()).Message);
    }

    [Theory]
    [InlineData("where: [1]", "where of a test takes one value (text), not [1]")]
    [InlineData("store_failures: maybe", "store_failures of a test takes true or false, not maybe")]
    [InlineData("enabled: [true]", "enabled of a test takes true or false, not [true]")]
    [InlineData("tags: {a: 1}", "tags of a test take a name or a list of names, not {a: 1}")]
    public void A_test_config_of_the_wrong_kind_is_refused_at_its_line(string config, string message)
    {
        // A list would otherwise reach the test's SQL as .NET's name for its type, and 'maybe' would read as false.
        using var project = Project("    columns:\n      - name: id\n        data_tests:\n          - not_null:\n              config: {" + config + "}\n");
        Assert.Contains("models/orders.yml:7: error: " + message, Assert.Throws<ProjectException>(() => project.Open()).Message);
    }

    [Fact]
    public void A_test_is_selected_and_excluded_by_its_own_tags()
    {
        using var project = Project("    columns:\n      - name: id\n        data_tests:\n          - not_null: {config: {tags: [nightly, cheap]}}\n          - unique: {config: {tags: nightly}}\n"
            + "      - name: status\n        data_tests: [not_null]\n");
        var workspace = project.Open();
        string[] Names(string[] select, string[] exclude) =>
            [.. TestSelector.Select(workspace.Project, select.Length == 0 ? workspace.Project.Nodes : [], select, exclude).Data.Select(t => t.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["not_null_orders_id", "unique_orders_id"], Names(["tag:nightly"], []));
        Assert.Equal(["not_null_orders_id"], Names(["tag:ch*"], []));
        Assert.Equal(["not_null_orders_status", "unique_orders_id"], Names([], ["tag:cheap"]));
    }

    [Fact]
    public void A_columns_tags_go_to_every_test_of_that_column()
    {
        var tests = Tests("    columns:\n      - name: id\n        tags: [pii]\n        data_tests: [not_null, {unique: {config: {tags: [nightly]}}}]\n"
            + "      - name: status\n        data_tests: [not_null]\n");
        Assert.Equal(["pii"], tests.Single(t => t.Name == "not_null_orders_id").Config.Tags.ToArray());
        Assert.Equal(["nightly", "pii"], tests.Single(t => t.Name == "unique_orders_id").Config.Tags.Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(tests.Single(t => t.Name == "not_null_orders_status").Config.Tags);
    }

    [Fact]
    public void A_singular_test_is_attached_to_its_only_ref()
    {
        using var project = Project("    description: orders\n")
            .Write("models/tests/orders_are_positive.sql", "select * from {{ ref 'orders' }} where id < 0");
        var test = Assert.Single(project.Open().Project.DataTests);
        Assert.Equal((DataTestKind.Singular, "orders"), (test.Kind, test.AttachedTo));
        Assert.DoesNotContain(project.Open().Project.Nodes, n => n.Name == "orders_are_positive");
    }

    [Fact]
    public void A_unit_test_for_a_model_that_does_not_exist_is_refused()
    {
        using var project = Project("    description: orders\n")
            .Write("models/unit.yml", "unit_tests:\n  - name: t\n    model: order\n    given: []\n    expect:\n      rows: []\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("Did you mean 'orders'", error.Message);
        Assert.Equal("models/unit.yml", error.Diagnostics[0].File);
    }

    [Fact]
    public void A_unit_test_input_the_model_does_not_read_is_refused()
    {
        using var project = Project("    description: orders\n")
            .Write("models/unit.yml", "unit_tests:\n  - name: t\n    model: orders\n    given:\n      - input: ref('customers')\n        rows: []\n    expect:\n      rows: []\n");
        Assert.Contains("which 'orders' does not read", Assert.Throws<ProjectException>(() => project.Open()).Message);
    }
}
