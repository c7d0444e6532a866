using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`run-operation MACRO --args '{…}'`: the macro's SQL runs against the target, its arguments named as its parameters.</summary>
public class RunOperationCallsAMacroOnTheTarget
{
    private static TempProject Project() => new TempProject()
        .Write("models/numbers.sql", "{{ config materialized: 'table' }}select range as n from range(4)")
        .Write("macros/admin.sql", """
            {{~ func copy_numbers(copy, keep_below)
              capture sql ~}}
            create or replace table main.{{ copy }} as select * from {{ ref 'numbers' }} where n < {{ keep_below }}
            {{~ end
              ret sql
            end
            func duckdb__count_rows(table_name)
              ret "select count(*) as n from main." + table_name
            end ~}}
            """);

    [Fact]
    public void A_macro_writing_a_table_runs_with_its_named_arguments()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("run-operation", "copy_numbers", "--args", "{copy: small, keep_below: 2}");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("copy_numbers: OK", result.Output);
        Assert.Equal(["0", "1"], project.Query("select n from main.small order by n"));
    }

    [Fact]
    public void A_macro_returning_a_query_prints_its_rows_through_the_engines_variant()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("run-operation", "count_rows", "--args", "{table_name: numbers}");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("4", result.Output);
    }
}
