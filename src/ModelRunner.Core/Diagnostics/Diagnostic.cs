namespace ModelRunner.Core.Diagnostics;

/// <summary>One problem found in the project, pointing at the file, line and column (1-based) it comes from.</summary>
public sealed record Diagnostic(string Message, string? File = null, int Line = 0, int Column = 0, string? Node = null)
{
    public override string ToString() => Format("error: ");

    /// <summary>The diagnostic as a warning's text, without "error:" (the reporter says it is a warning).</summary>
    public string AsWarning() => Format("");

    private string Format(string severity)
    {
        var where = File is null ? "" : Line > 0 ? (Column > 0 ? $"{File}:{Line}:{Column}: " : $"{File}:{Line}: ") : $"{File}: ";
        var node = Node is null ? "" : $" [{Node}]";
        return $"{where}{severity}{Message}{node}";
    }
}

/// <summary>
/// Raised for anything wrong with the project, profile or command line (exit code 2):
/// it carries every diagnostic found so the user can fix them in one go.
/// </summary>
public sealed class ProjectException : Exception
{
    public ProjectException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
    {
        Diagnostics = diagnostics;
    }

    public ProjectException(Diagnostic diagnostic) : this(new[] { diagnostic }) { }

    public ProjectException(string message, string? file = null, int line = 0, int column = 0, string? node = null)
        : this(new Diagnostic(message, file, line, column, node)) { }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
