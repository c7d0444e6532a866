using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelRunner.Core.Templating;

/// <summary>A config call found in a template: its named arguments as syntax, evaluated later in a parse context.</summary>
public sealed record ConfigCall(ImmutableArray<(string Name, ScriptExpression Value)> Arguments, int Line, int Column);

/// <summary>
/// A Scriban template parsed once, with what a static walk of its syntax tree found: refs, sources,
/// config calls and the names of functions it calls (to follow refs made inside macros).
/// </summary>
public sealed class ParsedTemplate
{
    private readonly Func<ScriptPage> _page;

    private ParsedTemplate(string displayPath, Func<ScriptPage> page, StaticScan? knownScan)
    {
        DisplayPath = displayPath;
        _page = page;
        KnownScan = knownScan;
    }

    public string DisplayPath { get; }

    /// <summary>The scan when it is at hand without parsing (null for a <see cref="Deferred"/> template).</summary>
    public StaticScan? KnownScan { get; }

    /// <summary>The syntax tree, with <c>this</c> rewritten; immutable, safe to share between renders.</summary>
    public ScriptPage Page => _page();

    /// <summary>The scan: the one at hand, or one of a fresh parse (a deferred template keeps none).</summary>
    public StaticScan Scan => KnownScan ?? StaticScanner.Scan(Page, DisplayPath);

    /// <summary>Renders the page with a prepared context (see <see cref="TemplateEnvironment"/>).</summary>
    public string Render(TemplateContext context)
    {
        var output = new StringBuilderOutput();
        context.PushOutput(output);
        try
        {
            context.Evaluate(Page);
        }
        finally
        {
            context.PopOutput();
        }
        return output.ToString();
    }

    /// <summary>Parses <paramref name="text"/>; syntax errors become diagnostics with file:line:col.</summary>
    public static ParsedTemplate Parse(string text, string displayPath)
    {
        var page = ParsePage(text, displayPath);
        var scan = StaticScanner.Scan(page, displayPath);
        return new ParsedTemplate(displayPath, () => page, scan);
    }

    /// <summary>
    /// A template whose text is known to parse, parsed again at each use (a model renders once per command) and
    /// never kept: the syntax trees of thousands of models would otherwise live as long as the project does, and
    /// the garbage collector would copy them over and over (10,000 models: 180 MiB kept, a third of compile time
    /// in GC pauses). Parsing a model again costs some 20 µs. <paramref name="scan"/> is what loading found.
    /// </summary>
    public static ParsedTemplate Transient(string text, string displayPath, StaticScan scan) =>
        new(displayPath, () => ParsePage(text, displayPath), scan);

    /// <summary>
    /// A template whose text is known to parse (it did before, unchanged: see <see cref="Project.ParseCache"/>):
    /// read and parsed when used, so a compile served from the cache never parses it, and not kept either.
    /// </summary>
    public static ParsedTemplate Deferred(Func<string> text, string displayPath) =>
        new(displayPath, () => ParsePage(text(), displayPath), null);

    private static ScriptPage ParsePage(string text, string displayPath)
    {
        var template = Template.Parse(text, displayPath);
        if (template.HasErrors)
        {
            var diagnostics = template.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => new Diagnostic(m.Message, displayPath, m.Span.Start.Line + 1, m.Span.Start.Column + 1))
                .ToList();
            throw new ProjectException(diagnostics);
        }
        // `this` is the model's relation (see ThisAsRelation); the tree is walked only where the text holds "this" at all.
        return text.Contains("this", StringComparison.Ordinal) ? ThisAsRelation.Rewrite(template.Page!) : template.Page!;
    }
}

/// <summary>Location helper: Scriban spans are 0-based, diagnostics are 1-based.</summary>
internal static class SpanExtensions
{
    public static int Line1(this SourceSpan span) => span.Start.Line + 1;
    public static int Column1(this SourceSpan span) => span.Start.Column + 1;
}
