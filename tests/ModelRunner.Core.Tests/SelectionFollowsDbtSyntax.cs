using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>A diamond with a tail: a → b, a → c, b+c → d, d → e; f apart, tagged.</summary>
public class SelectionFollowsDbtSyntax : IDisposable
{
    private readonly TempProject _project = new TempProject(extraProjectYaml: "models:\n  marts:\n    +materialized: table\n")
        .Write("models/staging/a.sql", "select 1 as id")
        .Write("models/staging/b.sql", "select * from {{ ref 'a' }}")
        .Write("models/staging/c.sql", "{{ config tags: ['nightly'] }}select * from {{ ref 'a' }}")
        .Write("models/marts/d.sql", "select * from {{ ref 'b' }} union all select * from {{ ref 'c' }}")
        .Write("models/marts/e.sql", "{{ config materialized: 'incremental' }}select * from {{ ref 'd' }}")
        .Write("models/f.sql", "{{ config tags: ['nightly'] }}select 2 as id");

    private string[] Select(params string[] select) => Select(select, Array.Empty<string>());

    private string[] Select(string[] select, string[] exclude) =>
        _project.Open().Select(select, exclude).Select(n => n.Name).Order().ToArray();

    [Theory]
    [InlineData("d", "d")]
    [InlineData("+d", "a b c d")]
    [InlineData("d+", "d e")]
    [InlineData("1+d", "b c d")]
    [InlineData("a+1", "a b c")]
    [InlineData("@b", "a b c d e")]
    [InlineData("tag:nightly", "c f")]
    [InlineData("path:models/staging", "a b c")]
    [InlineData("models/marts", "d e")]
    [InlineData("config.materialized:incremental", "e")]
    [InlineData("config.materialized:table", "d")]
    [InlineData("tag:nightly,path:models/staging", "c")]
    [InlineData("a f", "a f")]
    [InlineData("*", "a b c d e f")]
    [InlineData("nothing_matches", "")]
    public void Selects(string selector, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Select(selector));

    [Fact]
    public void Exclude_removes_from_the_selection() =>
        Assert.Equal(new[] { "a", "b", "c" }, Select(new[] { "+d" }, new[] { "d" }));

    [Fact]
    public void An_unknown_method_is_an_error() =>
        Assert.Throws<Diagnostics.ProjectException>(() => Select("tga:nightly"));

    public void Dispose() => _project.Dispose();
}
