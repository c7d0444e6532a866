using ModelRunner.Core.Templating;
using ModelRunner.TestSupport;
using Scriban;
using Scriban.Syntax;

namespace ModelRunner.Core.Tests;

/// <summary>
/// The keyword `this` renders as the model's relation in every place an expression can stand, whether it is replaced
/// in the parsed tree (the usual holders) or through Scriban's copying rewriter (any other).
/// </summary>
public class ThisIsTheModelsRelationWhereverItStands
{
    private const string Relation = "\"main\".\"m\"";

    [Theory]
    [InlineData("{{ this }}", Relation)]
    [InlineData("{{ this.identifier }}", "m")]
    [InlineData("{{ 'x' + this }}", "x" + Relation)]
    [InlineData("{{ (this) }}", Relation)]
    [InlineData("{{ bracketed this }}", "[" + Relation + "]")]
    [InlineData("{{ a = [this, 1] }}{{ a[0] }}", Relation)]
    [InlineData("{{ t = this }}{{ t }}", Relation)]
    [InlineData("{{ if this }}yes{{ end }}", "yes")]
    [InlineData("{{ own }}", Relation)]
    [InlineData("{{ this | bracketed }}", "[" + Relation + "]")]
    [InlineData("{{ if !this }}no{{ else }}yes{{ end }}", "yes")]
    public void This_renders_as_the_relation(string template, string expected)
    {
        using var project = new TempProject()
            .Write("macros/relations.sql", "{{ func bracketed(r)\n ret '[' + r + ']'\nend\nfunc own()\n ret this\nend }}")
            .Write("models/m.sql", "{{ config materialized: 'table' }}select 1 as id -- " + template);
        var compiled = project.CompileOffline().Single(c => c.Node.Name == "m");
        Assert.Equal("select 1 as id -- " + expected, compiled.Sql.Trim());
    }

    [Fact]
    public void The_usual_holders_are_changed_in_place_and_any_other_through_a_copy()
    {
        var inPlace = Template.Parse("{{ this }} {{ this.identifier }} {{ f this }} {{ f a: this }} {{ 'x' + this }} {{ this | g }}").Page!;
        Assert.Same(inPlace, ThisAsRelation.Rewrite(inPlace));
        Assert.False(HoldsThis(inPlace));

        var copied = Template.Parse("{{ this }} {{ !this }}").Page!;
        var rewritten = ThisAsRelation.Rewrite(copied);
        Assert.NotSame(copied, rewritten);
        Assert.False(HoldsThis(rewritten));
    }

    private static bool HoldsThis(ScriptNode node)
    {
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child && (child is ScriptThisExpression || HoldsThis(child))) return true;
        return false;
    }
}
