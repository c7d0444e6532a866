using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>
/// `this` is a Scriban keyword (the current global object); dbt users mean the model's own relation. Each `this` in a
/// freshly parsed tree becomes a plain global variable named `this`. In place, where its parent is one of the nodes
/// that hold an expression (a statement, a member access, an argument, an operand…): Scriban's ScriptRewriter copies
/// the whole tree, not only the path to what it changes, which costs as many allocations as the parse did, and most
/// incremental models use `this`. Any other parent gets the copying rewriter.
/// </summary>
internal static class ThisAsRelation
{
    /// <summary>The page with every `this` replaced: the same page, changed in place, or a copy.</summary>
    public static ScriptPage Rewrite(ScriptPage page)
    {
        var uses = new List<ScriptThisExpression>();
        Collect(page, uses);
        foreach (var use in uses)
            if (!TryReplaceInPlace(use))
                return (ScriptPage)new CopyingRewriter().Visit(page); // handles the ones left; those replaced already are variables
        return page;
    }

    private static void Collect(ScriptNode node, List<ScriptThisExpression> uses)
    {
        for (var i = 0; i < node.ChildrenCount; i++)
        {
            switch (node.GetChildren(i))
            {
                case ScriptThisExpression use: uses.Add(use); break;
                case { } child: Collect(child, uses); break;
            }
        }
    }

    private static bool TryReplaceInPlace(ScriptThisExpression use)
    {
        var variable = Variable(use);
        switch (use.Parent)
        {
            case ScriptExpressionStatement s when s.Expression == use: s.Expression = variable; return true;
            case ScriptMemberExpression m when m.Target == use: m.Target = variable; return true;
            case ScriptBinaryExpression b when b.Left == use: b.Left = variable; return true;
            case ScriptBinaryExpression b when b.Right == use: b.Right = variable; return true;
            case ScriptPipeCall p when p.From == use: p.From = variable; return true;
            case ScriptNamedArgument a when a.Value == use: a.Value = variable; return true;
            case ScriptNestedExpression n when n.Expression == use: n.Expression = variable; return true;
            case ScriptIndexerExpression x when x.Target == use: x.Target = variable; return true;
            case ScriptAssignExpression a when a.Value == use: a.Value = variable; return true;
            case ScriptReturnStatement r when r.Expression == use: r.Expression = variable; return true;
            case ScriptIfStatement i when i.Condition == use: i.Condition = variable; return true;
            case ScriptList<ScriptExpression> list when list.IndexOf(use) is var at and >= 0: list[at] = variable; return true;
            default: return false;
        }
    }

    private static ScriptVariableGlobal Variable(ScriptThisExpression use) => new(TemplateGlobals.This) { Span = use.Span };

    private sealed class CopyingRewriter : ScriptRewriter
    {
        public override ScriptNode Visit(ScriptThisExpression node) => Variable(node);
    }
}
