using ModelRunner.Core.Running;

namespace ModelRunner.Core.Tests;

/// <summary>
/// After a hook the runner reads the schemas again, since a hook can create or drop anything; a hook that is one row
/// statement (INSERT, UPDATE, DELETE, MERGE without schema evolution) or one SELECT cannot, nor can a hook that renders
/// to nothing (it is not sent), so the relation cache is kept.
/// </summary>
public class HooksThatChangeOnlyRowsKeepTheRelationCache
{
    [Theory]
    [InlineData("update main.sessions set stitched_user_id = m.user_id from main.mapping as m where true")]
    [InlineData("  -- quarantine\n/* long sessions */ insert into q (session_id) select session_id from s;")]
    [InlineData("DELETE FROM t WHERE id = 1")]
    [InlineData("merge into t using s on t.id = s.id when matched then delete")]
    [InlineData("select 1")]
    [InlineData("  \n ")] // renders to nothing: never sent
    [InlineData("-- nothing to forget\nSELECT count(*) FROM t;")]
    public void A_single_row_statement_changes_only_rows(string sql) => Assert.True(HookStatements.ChangesOnlyRows(sql));

    [Theory]
    [InlineData("create table if not exists t (id int)")]
    [InlineData("insert into t values (1); drop table u")]
    [InlineData("merge with schema evolution into t using s on t.id = s.id when not matched then insert *")]
    [InlineData("alter table t add column x int")]
    [InlineData("call my_procedure()")]
    [InlineData("-- only a comment")]
    [InlineData("select * into t2 from t")]
    [InlineData("with x as (select 1 as id) insert into t select id from x")]
    [InlineData("select 1; create table t (id int)")]
    public void Anything_else_may_have_changed_the_schema(string sql) => Assert.False(HookStatements.ChangesOnlyRows(sql));
}
