using ModelRunner.Core.Running;

namespace ModelRunner.Core.Tests;

/// <summary>
/// What follows a `;` in a model would run as a statement of its own while the model is built from the first; the
/// rendered SQL is read for one, past strings, quoted names and comments.
/// </summary>
public class AModelIsOneQuery
{
    [Theory]
    [InlineData("select 1 as id")]
    [InlineData("select 1 as id;")]
    [InlineData("select 1 as id;\n-- done\n/* and\n more */\n")]
    [InlineData("select ';' as a, 'it''s; fine' as b")]
    [InlineData("select \"a;b\" from t -- ; not here\n")]
    [InlineData("select $$a; b$$ as text, $tag$ ; $tag$ as other")]
    [InlineData("select 1 /* ; */ as id")]
    public void One_statement_with_or_without_a_trailing_semicolon_passes(string sql) =>
        Assert.Null(SingleQuery.SecondStatementLine(sql, backslashEscapes: false));

    [Theory]
    [InlineData("select 1 as id; select 2 as id", 1)]
    [InlineData("select 1 as id\n;\n\ndelete from t", 4)]
    [InlineData("select 'a;' as x; -- first\ndrop table t", 2)]
    public void A_second_statement_is_found_on_its_line(string sql, int line) =>
        Assert.Equal(line, SingleQuery.SecondStatementLine(sql, backslashEscapes: false));

    [Fact]
    public void A_backslash_escapes_a_quote_only_where_the_dialect_says_so()
    {
        // Spark SQL: 'it\'s; fine' is one string. Elsewhere the string ends at the second quote, and `s; fine'` follows it.
        const string sql = "select 'it\\'s; fine' as x";
        Assert.Null(SingleQuery.SecondStatementLine(sql, backslashEscapes: true));
        Assert.Equal(1, SingleQuery.SecondStatementLine(sql, backslashEscapes: false));
    }
}
