using System.Collections;
using System.Globalization;
using Scriban.Runtime;

namespace ModelRunner.Core.Templating;

/// <summary>Conversions between plain values (YAML, JSON, config) and Scriban's objects.</summary>
public static class ScriptValues
{
    public static object? ToScript(object? value) => value switch
    {
        null => null,
        string or bool or long or int or double or decimal => value,
        IDictionary<string, object?> map => ToScriptObject(map),
        IEnumerable list => new ScriptArray(list.Cast<object?>().Select(ToScript)),
        _ => value,
    };

    private static ScriptObject ToScriptObject(IDictionary<string, object?> map)
    {
        var obj = new ScriptObject();
        foreach (var (k, v) in map) obj[k] = ToScript(v);
        return obj;
    }

    /// <summary>Scriban's arrays and objects back to plain lists and dictionaries (for config, manifest).</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null => null,
        string or bool or long or double or decimal => value,
        int i => (long)i,
        float f => (double)f,
        ScriptObject obj => obj.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
