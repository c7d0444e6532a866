using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Templating;
using ModelRunner.Core.Yaml;
using Scriban;
using Scriban.Runtime;

namespace ModelRunner.Core.Project;

/// <summary>
/// Reads profiles/profiles.yml and picks the target. String values may use
/// <c>{{ env_var('NAME') }}</c> or <c>{{ env_var('NAME', 'default') }}</c> so secrets stay out of files.
/// </summary>
public static class ProfilesLoader
{
    public const string FileName = "profiles.yml";

    public static TargetSettings Load(string profilesDirectory, string profileName, string? targetName,
        IReadOnlyDictionary<string, string> environment, EngineRegistry engines)
    {
        var path = Path.Combine(profilesDirectory, FileName);
        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        if (!File.Exists(path))
            throw new ProjectException($"no {FileName} found in {Path.GetFullPath(profilesDirectory)} (use --profiles-dir)");
        var yaml = YamlDocument.LoadFile(path, display);
        if (yaml.GetValueOrDefault(profileName) is not YamlMap profile)
            throw new ProjectException($"profile '{profileName}' not found; profiles in the file: {string.Join(", ", yaml.Keys)}."
                + Suggestions.DidYouMean(profileName, yaml.Keys), display);
        var outputs = profile.GetMap("outputs") ?? throw new ProjectException($"profile '{profileName}' has no 'outputs'", display, profile.Line);
        var chosen = targetName ?? Render(profile.GetString("target"), environment, display, profile.Line)
            ?? (outputs.Count == 1 ? outputs.Keys.First() : throw new ProjectException(
                $"profile '{profileName}' sets no default 'target'; pass --target", display, profile.Line));
        if (outputs.GetValueOrDefault(chosen) is not YamlMap output)
            throw new ProjectException($"target '{chosen}' not found in profile '{profileName}'; targets: {string.Join(", ", outputs.Keys)}."
                + Suggestions.DidYouMean(chosen, outputs.Keys), display, outputs.Line);

        var settings = output.ToImmutableDictionary(kv => kv.Key, kv => RenderValue(kv.Value, environment, display, output.Line));
        var type = settings.GetValueOrDefault("type") as string
            ?? throw new ProjectException($"target '{chosen}' needs a 'type'", display, output.Line);
        var factory = engines.Get(type, display);
        var unknown = settings.Keys.Where(k => !factory.KnownSettings.Contains(k) && k is not ("type" or "schema" or "threads" or "database" or "catalog" or "erase_sources")).ToList();
        if (unknown.Count > 0)
            throw new ProjectException($"unknown setting(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} for a {type} target; known: "
                + string.Join(", ", factory.KnownSettings.Order()) + "." + Suggestions.DidYouMean(unknown[0], factory.KnownSettings), display, output.LineOf(unknown[0]));
        var schema = Name(settings, "schema", display, output) ?? "main";
        var threads = settings.GetValueOrDefault("threads") is { } t ? Threads(t, display, output.LineOf("threads")) : 1;
        var database = Name(settings, "catalog", display, output) ?? Name(settings, "database", display, output);
        return new TargetSettings(profileName, chosen, factory.Type, schema, database, threads, settings, display);
    }

    /// <summary>A schema or database name: text (a number is taken as written); a list, mapping or true/false is refused.</summary>
    private static string? Name(ImmutableDictionary<string, object?> settings, string key, string file, YamlMap output) =>
        settings.GetValueOrDefault(key) switch
        {
            null => null,
            string text => text,
            var number and (long or double) => Convert.ToString(number, CultureInfo.InvariantCulture),
            var other => throw new ProjectException($"{key} takes one name (got {YamlDocument.Show(other)})", file, output.LineOf(key)),
        };

    /// <summary>The target's workers: a whole number of 1 or more, as written or as an env_var renders it.</summary>
    private static int Threads(object value, string file, int line) =>
        int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var threads) && threads >= 1
            ? threads
            : throw new ProjectException($"threads must be a whole number of 1 or more (got '{value}')", file, line);

    private static object? RenderValue(object? value, IReadOnlyDictionary<string, string> environment, string file, int line) => value switch
    {
        string s => Render(s, environment, file, line),
        _ => value,
    };

    private static string? Render(string? text, IReadOnlyDictionary<string, string> environment, string file, int line)
    {
        if (text is null || !text.Contains("{{", StringComparison.Ordinal)) return text;
        var template = ParsedTemplate.Parse(text, file);
        var context = new TemplateContext(new ScriptObject()) { StrictVariables = true };
        context.PushGlobal(new ScriptObject { [TemplateGlobals.EnvVar] = EnvironmentFunctions.EnvVar(environment) });
        try { return template.Render(context); }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new ProjectException(e.OriginalMessage, file, line);
        }
    }
}
