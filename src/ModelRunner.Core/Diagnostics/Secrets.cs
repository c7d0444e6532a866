namespace ModelRunner.Core.Diagnostics;

/// <summary>
/// Secret environment variables, as dbt's DBT_ENV_SECRET_: those whose names begin with <see cref="Prefix"/> may be
/// read only in profiles and hooks (never in a model, whose SQL is written to target/ and shown), and their values are
/// replaced by <see cref="Mask"/> in everything ModelRunner prints or writes.
/// </summary>
public sealed class SecretScrubber
{
    public const string Prefix = "MODELRUNNER_SECRET_";
    public const string Mask = "*****";
    public static readonly SecretScrubber None = new([]);

    private readonly string[] _values;

    private SecretScrubber(IEnumerable<string> values) =>
        // Longest first, so a secret containing another is masked whole.
        _values = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();

    public static bool IsSecret(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    public static SecretScrubber From(IReadOnlyDictionary<string, string> environment) =>
        new(environment.Where(kv => IsSecret(kv.Key)).Select(kv => kv.Value));

    public bool IsEmpty => _values.Length == 0;

    public string Scrub(string text)
    {
        foreach (var value in _values)
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        return text;
    }
}

/// <summary>A writer that masks secrets line by line (a secret is never split across the writes of one line).</summary>
public sealed class ScrubbingWriter(TextWriter inner, SecretScrubber secrets) : TextWriter
{
    private readonly System.Text.StringBuilder _line = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n') FlushLine();
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        _line.Append(value);
        if (value.Contains('\n')) FlushLine();
    }

    public override void Flush()
    {
        FlushLine();
        inner.Flush();
    }

    private void FlushLine()
    {
        if (_line.Length == 0) return;
        inner.Write(secrets.Scrub(_line.ToString()));
        _line.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
