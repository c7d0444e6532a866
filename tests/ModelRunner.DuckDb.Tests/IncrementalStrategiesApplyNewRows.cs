using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// Each test builds once from a source table, changes the source, runs again and checks the target.
/// The source is a seed-like table created by an on-run-start hook from a var, so every run is one command.
/// </summary>
public class IncrementalStrategiesApplyNewRows
{
    private static TempProject Project(string config, string filter = "where day >= (select max(day) from {{ this }})") =>
        new TempProject(extraProjectYaml: "on-run-start:\n  - \"create or replace table main.src as select * from (values {{ var 'rows' }}) as v(id, day, val)\"\n")
            .Write("models/inc.sql", "{{ config " + config + " }}select id, day, val from main.src\n{{ if is_incremental }}" + filter + "{{ end }}");

    private const string First = "(1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c')";
    private const string Second = "(1, 1, 'a'), (2, 1, 'b'), (3, 2, 'C'), (4, 2, 'd'), (5, 3, 'e')";

    private static string[] Rows(TempProject p) => p.Query("select id || ':' || day || ':' || val from main.inc order by id, val").ToArray();

    [Fact]
    public void Merge_updates_matching_keys_and_inserts_new_ones()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id'");
        Assert.False(p.Run(vars: $"rows: \"{First}\"").Failed);
        Assert.False(p.Run(vars: $"rows: \"{Second}\"").Failed);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void Merge_works_on_a_composite_key()
    {
        using var p = Project("materialized: 'incremental' unique_key: ['id', 'day']");
        p.Run(vars: $"rows: \"{First}\"");
        p.Run(vars: $"rows: \"{Second}\"");
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void Merge_refuses_new_rows_that_repeat_a_key_the_table_holds_and_keeps_the_table()
    {
        // DuckDB's own MERGE would update id 3 from one of the two rows, chosen silently; Delta's fails the statement.
        using var p = Project("materialized: 'incremental' unique_key: 'id'");
        p.Run(vars: $"rows: \"{First}\"");
        var second = p.Run(vars: "rows: \"(3, 2, 'C'), (3, 2, 'D'), (4, 2, 'd')\"");
        Assert.True(second.Failed);
        Assert.Contains("the new rows repeat unique_key id = 3 (2 rows) on a row the table holds", second.Nodes.Single(n => n.Name == "inc").Message);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:c" }, Rows(p));
    }

    [Fact]
    public void Merge_refusal_names_every_column_of_a_composite_key()
    {
        using var p = Project("materialized: 'incremental' unique_key: ['id', 'day']");
        p.Run(vars: $"rows: \"{First}\"");
        var second = p.Run(vars: "rows: \"(3, 2, 'C'), (3, 2, 'D'), (3, 3, 'E')\"");
        Assert.Contains("the new rows repeat unique_key (id, day) = (3, 2) (2 rows)", second.Nodes.Single(n => n.Name == "inc").Message);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:c" }, Rows(p));
    }

    [Fact]
    public void Merge_inserts_every_new_row_of_a_key_the_table_lacks_as_Delta_does()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id'");
        p.Run(vars: $"rows: \"{First}\"");
        Assert.False(p.Run(vars: "rows: \"(4, 2, 'd'), (4, 2, 'D'), (3, 2, 'C')\"").Failed);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:D", "4:2:d" }, Rows(p));
    }

    [Fact]
    public void Delete_insert_replaces_rows_with_the_same_key()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id' incremental_strategy: 'delete+insert'");
        p.Run(vars: $"rows: \"{First}\"");
        Assert.False(p.Run(vars: $"rows: \"{Second}\"").Failed);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void Delete_insert_works_on_a_composite_key()
    {
        using var p = Project("materialized: 'incremental' unique_key: ['id', 'day'] incremental_strategy: 'delete+insert'", filter: "where true");
        p.Run(vars: $"rows: \"{First}\"");
        // (2, 1) is replaced; id 3 moves to day 3: (3, 2) is not among the new keys, so its row stays beside the new (3, 3).
        Assert.False(p.Run(vars: "rows: \"(3, 3, 'C'), (2, 1, 'B')\"").Failed);
        Assert.Equal(new[] { "1:1:a", "2:1:B", "3:3:C", "3:2:c" }, Rows(p));
    }

    [Fact]
    public void Delete_insert_with_a_key_twice_among_the_new_rows_deletes_the_old_row_once_and_inserts_both()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id' incremental_strategy: 'delete+insert'");
        p.Run(vars: $"rows: \"{First}\"");
        Assert.False(p.Run(vars: "rows: \"(3, 2, 'C'), (3, 2, 'D')\"").Failed);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "3:2:D" }, Rows(p));
    }

    [Fact]
    public void Delete_insert_deletes_only_the_rows_its_incremental_predicates_allow()
    {
        // dbt's names for the two sides: the table (DBT_INTERNAL_DEST) and the new rows (DBT_INTERNAL_SOURCE).
        using var p = Project("materialized: 'incremental' unique_key: 'id' incremental_strategy: 'delete+insert' "
            + "incremental_predicates: ['DBT_INTERNAL_DEST.day >= (select min(day) from DBT_INTERNAL_SOURCE)']", filter: "where true");
        p.Run(vars: $"rows: \"{First}\"");
        // The new rows start at day 2: id 1's old row (day 1) is outside the predicate, so it stays beside its new one.
        Assert.False(p.Run(vars: "rows: \"(1, 2, 'A'), (3, 2, 'C')\"").Failed);
        Assert.Equal(new[] { "1:2:A", "1:1:a", "2:1:b", "3:2:C" }, Rows(p));
    }

    [Fact]
    public void Append_inserts_every_new_row()
    {
        using var p = Project("materialized: 'incremental' incremental_strategy: 'append'");
        p.Run(vars: $"rows: \"{First}\"");
        p.Run(vars: $"rows: \"{Second}\"");
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "3:2:c", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void Insert_overwrite_replaces_the_partitions_present_in_the_new_rows()
    {
        using var p = Project("materialized: 'incremental' incremental_strategy: 'insert_overwrite' partition_by: 'day'");
        p.Run(vars: $"rows: \"{First}\"");
        // Day 2 now holds only id 4: id 3 disappears from that partition; day 1 is untouched.
        p.Run(vars: "rows: \"(9, 1, 'x'), (4, 2, 'd'), (5, 3, 'e')\"");
        Assert.Equal(new[] { "1:1:a", "2:1:b", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void Full_refresh_rebuilds_from_scratch()
    {
        using var p = Project("materialized: 'incremental' incremental_strategy: 'append'");
        p.Run(vars: $"rows: \"{First}\"");
        p.Run(vars: $"rows: \"{Second}\"", fullRefresh: true);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:d", "5:3:e" }, Rows(p));
    }

    [Fact]
    public void A_merge_without_unique_key_is_refused_when_the_project_loads_and_keeps_the_table()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id' incremental_strategy: 'merge'");
        Assert.False(p.Run(vars: $"rows: \"{First}\"").Failed);
        p.Write("models/inc.sql", "{{ config materialized: 'incremental' incremental_strategy: 'merge' }}select id, day, val from main.src");
        var error = Assert.Throws<Core.Diagnostics.ProjectException>(() => p.Run(vars: $"rows: \"{Second}\""));
        Assert.Contains("models/inc.sql:1:", error.Message);
        Assert.Contains("incremental_strategy merge needs unique_key", error.Message);
        p.Write("models/inc.sql", "select 1 as id"); // a project that loads, to look at the table
        Assert.Equal(3, Rows(p).Length);
    }

    [Fact]
    public void New_columns_are_added_with_append_new_columns()
    {
        using var p = new TempProject(extraProjectYaml: "on-run-start:\n  - \"create or replace table main.src as select * from (values {{ var 'rows' }}) as v(id, day, val)\"\n")
            .Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'append_new_columns' }}select id, day, val from main.src");
        p.Run(vars: $"rows: \"{First}\"");
        p.Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'append_new_columns' }}select id, day, val, 'n' as extra from main.src");
        Assert.False(p.Run(vars: $"rows: \"{Second}\"").Failed);
        Assert.Equal(new[] { "5" }, p.Query("select count(extra) from main.inc"));
    }

    [Fact]
    public void With_on_schema_change_ignore_new_columns_are_left_out_and_the_rows_written_are_reported()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id' incremental_strategy: 'delete+insert'");
        Assert.False(p.Run(vars: $"rows: \"{First}\"").Failed);
        p.Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' incremental_strategy: 'delete+insert' }}select id, day, val, 'n' as extra from main.src\n{{ if is_incremental }}where day >= 2{{ end }}");
        var second = p.Run(vars: $"rows: \"{Second}\"");
        Assert.False(second.Failed);
        Assert.Equal(3, second.Nodes.Single(n => n.Name == "inc").Rows); // ids 3, 4, 5: what the delete+insert wrote
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:C", "4:2:d", "5:3:e" }, Rows(p));
        Assert.DoesNotContain("extra", p.Query("select column_name from information_schema.columns where table_name = 'inc'"));
    }

    [Fact]
    public void With_on_schema_change_ignore_a_column_the_model_no_longer_has_is_an_error_naming_it_and_the_table_is_kept()
    {
        using var p = Project("materialized: 'incremental' unique_key: 'id'");
        Assert.False(p.Run(vars: $"rows: \"{First}\"").Failed);
        p.Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' }}select id, day from main.src");
        var second = p.Run(vars: $"rows: \"{Second}\"");
        Assert.True(second.Failed);
        var message = second.Nodes.Single(n => n.Name == "inc").Message;
        Assert.Contains("model 'inc' (models/inc.sql) failed", message);
        Assert.Contains("val", message);
        Assert.Equal(new[] { "1:1:a", "2:1:b", "3:2:c" }, Rows(p));
    }
}
