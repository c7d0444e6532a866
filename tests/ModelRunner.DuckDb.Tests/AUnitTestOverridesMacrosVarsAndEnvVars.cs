using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// dbt's <c>overrides:</c> of a unit test: a macro returns the test's value wherever it is called from, vars and
/// environment variables take the test's values; a name that is no macro, or a key dbt does not know, is refused.
/// </summary>
public class AUnitTestOverridesMacrosVarsAndEnvVars
{
    private static TempProject Project(string overrides) => new TempProject()
        .Write("macros/pricing.sql", """
            {{~ func factor()
              ret 2
            end
            func priced(column)
              ret column + " * " + factor
            end
            func region()
              ret env_var "REGION" "eu"
            end ~}}
            """)
        .Write("models/src.sql", "select 1 as id, 5 as amount")
        .Write("models/m.sql", "select id, {{ priced 'amount' }} as price, '{{ region }}' as region, {{ var 'bonus' 0 }} as bonus from {{ ref 'src' }}")
        .Write("models/m.yml", "unit_tests:\n  - name: t\n    model: m\n" + overrides + """
                given:
                  - input: ref('src')
                    rows: [{id: 1, amount: 2}]
                expect:
                  rows: [{id: 1, price: 6, region: us, bonus: 7}]

            """);

    [Fact]
    public void Overridden_macros_vars_and_env_vars_reach_the_model_and_the_macros_it_calls()
    {
        using var project = Project("    overrides:\n      macros: {factor: 3}\n      vars: {bonus: 7}\n      env_vars: {REGION: us}\n");
        Assert.Equal(NodeStatus.Pass, project.Test().StatusOf("t"));
    }

    [Fact]
    public void Without_the_overrides_the_macros_return_their_own_values()
    {
        using var project = Project("");
        var result = project.Test().Result("t");
        Assert.Equal(NodeStatus.Fail, result.Status);
        Assert.Contains("6 → 4", result.Message); // expected → actual: the price from the real factor, 2
        Assert.Contains("us → eu", result.Message);
    }

    [Fact]
    public void A_misspelt_macro_is_refused_with_a_suggestion()
    {
        using var project = Project("    overrides:\n      macros: {facter: 3}\n");
        var error = Assert.Throws<ProjectException>(() => project.Test());
        Assert.Contains("models/m.yml:5: error: unit test 't' overrides 'facter', which is not a macro of this project. Did you mean 'factor'?", error.Message);
    }

    [Fact]
    public void An_unknown_overrides_key_is_refused_at_its_line()
    {
        using var project = Project("    overrides:\n      env_var: {REGION: us}\n");
        var error = Assert.Throws<ProjectException>(() => project.Test());
        Assert.Contains("models/m.yml:5: error: unknown key 'env_var' in the overrides of unit test 't'", error.Message);
        Assert.Contains("Did you mean 'env_vars'?", error.Message);
    }

    [Fact]
    public void Is_incremental_takes_true_or_false()
    {
        using var project = Project("    overrides:\n      macros: {is_incremental: 'yes'}\n");
        Assert.Contains("is_incremental of unit test 't' takes true or false, not yes", Assert.Throws<ProjectException>(() => project.Test()).Message);
    }

    [Fact]
    public void An_expected_value_that_does_not_fit_its_column_names_the_column_and_value()
    {
        using var project = new TempProject()
            .Write("models/src.sql", "select 1 as id")
            .Write("models/m.sql", "select id from {{ ref 'src' }}")
            .Write("models/m.yml", "unit_tests:\n  - name: t\n    model: m\n    given:\n      - input: ref('src')\n        rows: [{id: 1}]\n    expect:\n      rows: [{id: one}]\n");
        var result = project.Test().Result("t");
        Assert.Equal(NodeStatus.Error, result.Status);
        Assert.EndsWith("the expected rows do not fit the model's column types: column id: \"one\" is not a BIGINT", result.Message);
    }

    [Fact]
    public void A_ragged_csv_row_is_refused_at_its_own_line()
    {
        using var project = new TempProject()
            .Write("models/src.sql", "select 1 as id, 2 as amount")
            .Write("models/m.sql", "select id from {{ ref 'src' }}")
            .Write("models/m.yml", "unit_tests:\n  - name: t\n    model: m\n    given:\n      - input: ref('src')\n        format: csv\n        rows: |\n          id,amount\n          1,2\n          3\n    expect:\n      rows: [{id: 1}]\n");
        var error = Assert.Throws<ProjectException>(() => project.Test());
        Assert.Contains("models/m.yml:10: error: input ref('src') of unit test 't': CSV row 2 has 1 fields, the header has 2", error.Message);
    }
}
