using System.Globalization;
using ModelRunner.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ModelRunner.Core.Yaml;

/// <summary>A YAML mapping that remembers where it stood in its file, for error messages.</summary>
public sealed class YamlMap : Dictionary<string, object?>
{
    private readonly Dictionary<string, int> _keyLines = new(StringComparer.Ordinal);

    public YamlMap(string file, int line) : base(StringComparer.Ordinal) { File = file; Line = line; }
    public string File { get; }
    public int Line { get; }

    /// <summary>
    /// The line <paramref name="key"/> stands on, so a message about one key names its line rather than the mapping's;
    /// the mapping's own line for a key not read from a file.
    /// </summary>
    public int LineOf(string key) => _keyLines.TryGetValue(key, out var line) ? line : Line;

    /// <summary>Sets a key read from the file at <paramref name="line"/>.</summary>
    internal void Set(string key, object? value, int line)
    {
        this[key] = value;
        _keyLines[key] = line;
    }

    /// <summary>A key's one value as text (a number or true/false as written); a list or mapping there is refused.</summary>
    public string? GetString(string key)
    {
        if (!TryGetValue(key, out var value) || value is null) return null;
        return value switch
        {
            string s => s,
            List<object?> or YamlMap => throw new ProjectException($"'{key}' takes one value, not a {(value is YamlMap ? "mapping" : "list")}", File, LineOf(key)),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    public YamlMap? GetMap(string key)
    {
        if (!TryGetValue(key, out var value) || value is null) return null;
        return value as YamlMap ?? throw new ProjectException($"'{key}' must be a mapping", File, LineOf(key));
    }

    public IReadOnlyList<object?> GetList(string key)
    {
        if (!TryGetValue(key, out var value) || value is null) return Array.Empty<object?>();
        if (value is List<object?> list) return list;
        if (value is string s) return new object?[] { s };
        throw new ProjectException($"'{key}' must be a list", File, LineOf(key));
    }

    /// <summary>A list of names or texts; an entry that is itself a list or a mapping is refused at the key's line.</summary>
    public IReadOnlyList<string> GetStrings(string key) =>
        GetList(key).Select(v => v is YamlMap or List<object?>
            ? throw new ProjectException($"'{key}' must be a list of texts, not hold {YamlDocument.Show(v)}", File, LineOf(key))
            : v is null ? "" : YamlDocument.Show(v)).ToList();
}

/// <summary>
/// Reads YAML files into plain values (maps, lists, strings, numbers, booleans, null).
/// Syntax errors become diagnostics with file and line, as a dbt user gets from dbt.
/// </summary>
public static class YamlDocument
{
    /// <summary>A value as a message shows it, in YAML's flow style: <c>[a, b]</c>, <c>{k: v}</c>, text as written.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false", // as YAML writes it, not .NET's True
        IDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static YamlMap LoadFile(string path, string displayPath)
    {
        string text;
        try { text = Project.TextFiles.Read(path, displayPath); }
        catch (UnauthorizedAccessException e) { throw new ProjectException($"cannot read file: {e.Message}", displayPath); }
        return Parse(text, displayPath);
    }

    /// <summary>
    /// Deeper nesting than any project file needs. YamlDotNet builds its document recursively, and a file nested tens of
    /// thousands of levels deep would end the process with a stack overflow, which no handler can catch.
    /// </summary>
    public const int MaxDepth = 200;

    /// <summary>The parser YamlStream reads from, refusing a collection nested deeper than <see cref="MaxDepth"/> as it reads it.</summary>
    private sealed class DepthLimitedParser(IParser inner, string displayPath) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case SequenceStart or MappingStart when ++_depth > MaxDepth:
                    throw new ProjectException($"invalid YAML: nested deeper than {MaxDepth} levels", displayPath,
                        (int)inner.Current.Start.Line, (int)inner.Current.Start.Column);
                case SequenceEnd or MappingEnd:
                    _depth--;
                    break;
            }
            return true;
        }
    }

    private static YamlStream Load(string text, string displayPath)
    {
        var stream = new YamlStream();
        stream.Load(new DepthLimitedParser(new Parser(new StringReader(text)), displayPath));
        return stream;
    }

    public static YamlMap Parse(string text, string displayPath)
    {
        YamlStream stream;
        try { stream = Load(text, displayPath); }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            throw new ProjectException($"invalid YAML: {message}", displayPath, (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way (with no position) on a flow sequence or mapping left open.
            var (line, column) = UnclosedFlow(text);
            throw new ProjectException("invalid YAML: a flow sequence or mapping ([…] or {…}) opened here is not closed", displayPath, line, column);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new YamlMap(displayPath, 1);
        var root = Convert(stream.Documents[0].RootNode, displayPath);
        return root as YamlMap ?? throw new ProjectException("the file must hold a YAML mapping at its top level", displayPath, 1);
    }

    /// <summary>Where the last '[' or '{' left open starts (outside quotes and comments), 1-based; (1, 1) if none is found.</summary>
    private static (int Line, int Column) UnclosedFlow(string text)
    {
        var open = new Stack<(int Line, int Column)>();
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            char? quote = null;
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote is not null) { if (ch == quote) quote = null; continue; }
                if (ch is '"' or '\'') quote = ch;
                else if (ch == '#' && (c == 0 || char.IsWhiteSpace(lines[l][c - 1]))) break;
                else if (ch is '[' or '{') open.Push((l + 1, c + 1));
                else if (ch is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count > 0 ? open.Peek() : (1, 1);
    }

    /// <summary>Parses a YAML or JSON value given on the command line (e.g. --vars).</summary>
    public static object? ParseValue(string text, string displayPath)
    {
        YamlStream stream;
        try { stream = Load(text, displayPath); }
        catch (YamlException e) { throw new ProjectException($"invalid YAML/JSON: {e.Message}", displayPath); }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, displayPath);
    }

    private static object? Convert(YamlNode node, string file)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new YamlMap(file, (int)mapping.Start.Line);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
                    if (map.ContainsKey(name))
                        throw new ProjectException($"duplicate key '{name}'", file, (int)key.Start.Line, (int)key.Start.Column);
                    map.Set(name, Convert(value, file), (int)key.Start.Line);
                }
                return map;
            case YamlSequenceNode sequence:
                return sequence.Children.Select(c => Convert(c, file)).ToList();
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ProjectException("YAML aliases are not supported here", file, (int)node.Start.Line);
        }
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain) return value ?? "";
        switch (value)
        {
            case null or "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit)) return d;
        return value;
    }
}
