using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>Custom generic tests are macros named test_&lt;name&gt;; singular tests are SQL files returning failing rows.</summary>
public class CustomAndSingularTests
{
    private static TempProject Project() => new TempProject()
        .Write("models/numbers.sql", "{{ config materialized: 'table' }}\nselect i as n from range(1, 8) as t(i)")
        .Write("macros/tests.sql", """
            {{~
            func test_is_even(model, column_name)
              ret "select " + column_name + " from " + model + " where " + column_name + " % 2 <> 0"
            end
            func test_at_most(model, column_name, value)
              ret "select " + column_name + " from " + model + " where " + column_name + " > " + value
            end
            ~}}
            """);

    [Fact]
    public void A_custom_generic_test_is_used_by_name_with_its_arguments()
    {
        using var project = Project().Write("models/numbers.yml",
            "models:\n  - name: numbers\n    columns:\n      - name: n\n        data_tests:\n          - is_even\n          - at_most:\n              value: 5\n");
        project.Run();
        var results = project.Test();
        Assert.Equal((NodeStatus.Fail, 4L), (results.Result("is_even_numbers_n").Status, results.Result("is_even_numbers_n").Failures));
        Assert.Equal(2L, results.Result("at_most_numbers_n__5").Failures);
    }

    [Fact]
    public void A_project_macro_overrides_a_built_in_test()
    {
        using var project = Project()
            .Write("macros/override.sql", "{{~\nfunc test_not_null(model, column_name)\n  ret \"select 1 as always_fails\"\nend\n~}}")
            .Write("models/numbers.yml", "models:\n  - name: numbers\n    columns:\n      - name: n\n        data_tests: [not_null]\n");
        project.Run();
        Assert.Equal(NodeStatus.Fail, project.Test().StatusOf("not_null_numbers_n"));
    }

    [Fact]
    public void A_singular_test_in_a_tests_folder_returns_its_failing_rows()
    {
        using var project = Project()
            .Write("models/tests/no_big_numbers.sql", "select n from {{ ref 'numbers' }} where n > 6");
        project.Run();
        var result = project.Test().Result("no_big_numbers");
        Assert.Equal((NodeStatus.Fail, 1L), (result.Status, result.Failures));
        Assert.True(project.Exists("target/compiled/models/tests/no_big_numbers.sql"));
    }

    [Fact]
    public void A_singular_test_under_a_configured_test_path_takes_config_from_its_file()
    {
        using var project = new TempProject(extraProjectYaml: "test-paths: [\"checks\"]\n")
            .Write("models/numbers.sql", "select 1 as n")
            .Write("checks/warned.sql", "{{ config severity: 'warn' }}\nselect n from {{ ref 'numbers' }}");
        project.Run();
        Assert.Equal(NodeStatus.Warn, project.Test().StatusOf("warned"));
    }

    [Fact]
    public void Selecting_a_model_selects_its_tests_and_a_test_can_be_selected_by_name()
    {
        using var project = Project()
            .Write("models/other.sql", "{{ config materialized: 'table' }}\nselect 1 as n")
            .Write("models/numbers.yml", "models:\n  - name: numbers\n    columns:\n      - name: n\n        data_tests: [not_null, unique]\n"
                + "  - name: other\n    columns:\n      - name: n\n        data_tests: [not_null]\n");
        project.Run();
        Assert.Equal(["not_null_numbers_n", "unique_numbers_n"],
            project.Test(select: ["numbers"]).Nodes.Select(n => n.Name).Order());
        Assert.Equal(["not_null_other_n"], project.Test(select: ["not_null_other_n"]).Nodes.Select(n => n.Name));
    }
}
