using System.Collections.Immutable;
using System.Text.Json;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>One node as an earlier run recorded it: its relation and the fingerprints state:modified compares.</summary>
public sealed record StateNode(string UniqueId, Relation Relation, string? Checksum, string? ConfigChecksum, string? Package);

/// <summary>
/// An earlier manifest.json (`--state DIR`, as dbt's): what state:new and state:modified compare the project with,
/// and where `--defer` points refs to models that are not selected.
/// </summary>
public sealed class StateManifest
{
    private StateManifest(ImmutableDictionary<string, StateNode> nodes, ImmutableDictionary<string, string> macros, ImmutableDictionary<string, string> vars)
    {
        Nodes = nodes;
        Macros = macros;
        Vars = vars;
    }

    public ImmutableDictionary<string, StateNode> Nodes { get; }
    public ImmutableDictionary<string, string> Macros { get; }
    public ImmutableDictionary<string, string> Vars { get; }

    public static StateManifest Read(string directory)
    {
        var path = Path.Combine(directory, "manifest.json");
        if (!File.Exists(path))
            throw new ProjectException($"--state {directory}: no manifest.json there (it is written by compile, run and build under target/; keep a copy of production's)");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var nodes = ImmutableDictionary.CreateBuilder<string, StateNode>(StringComparer.Ordinal);
            foreach (var node in root.GetProperty("nodes").EnumerateObject())
            {
                var n = node.Value;
                var relation = new Relation(Text(n, "database"), Text(n, "schema") ?? "", Text(n, "alias") ?? Text(n, "name") ?? "");
                var checksum = n.TryGetProperty("checksum", out var c) && c.ValueKind == JsonValueKind.Object ? Text(c, "checksum") : null;
                nodes[node.Name] = new StateNode(node.Name, relation, checksum, Text(n, "config_checksum"), Text(n, "modelrunner_package"));
            }
            var macros = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("macros", out var m))
                foreach (var macro in m.EnumerateObject())
                    if (Text(macro.Value, "name") is { } name && Text(macro.Value, "checksum") is { } hash) macros[name] = hash;
            var vars = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("vars_checksums", out var v))
                foreach (var package in v.EnumerateObject()) vars[package.Name] = package.Value.GetString() ?? "";
            return new StateManifest(nodes.ToImmutable(), macros.ToImmutable(), vars.ToImmutable());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ProjectException($"--state {directory}: manifest.json cannot be read: {e.Message}", path);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// state:new and state:modified (with .body, .configs, .macros, .vars), comparing the project with a state manifest:
/// a node is modified when its file, its config, a macro it calls (directly or through other macros) or, when it reads
/// vars, its package's vars differ; new nodes count as modified, as in dbt.
/// </summary>
public sealed class StateComparison(StateManifest state, ProjectModel project, MacroLibrary macros, RenderOptions options)
{
    private readonly IReadOnlyDictionary<string, string> _macros = StateFingerprints.Macros(macros);
    private readonly IReadOnlyDictionary<string, string> _vars = StateFingerprints.Vars(project, options);

    public IEnumerable<string> Matching(string value) => value switch
    {
        "new" => project.Nodes.Where(IsNew).Select(n => n.Name),
        "modified" => project.Nodes.Where(n => IsNew(n) || Body(n) || Configs(n) || Macros(n) || Vars(n)).Select(n => n.Name),
        "modified.body" => project.Nodes.Where(n => !IsNew(n) && Body(n)).Select(n => n.Name),
        "modified.configs" => project.Nodes.Where(n => !IsNew(n) && Configs(n)).Select(n => n.Name),
        "modified.macros" => project.Nodes.Where(n => !IsNew(n) && Macros(n)).Select(n => n.Name),
        "modified.vars" => project.Nodes.Where(n => !IsNew(n) && Vars(n)).Select(n => n.Name),
        _ => throw new ProjectException($"unknown state selector 'state:{value}'; known: state:new, state:modified, state:modified.body, "
            + "state:modified.configs, state:modified.macros, state:modified.vars"),
    };

    private bool IsNew(ProjectNode node) => !state.Nodes.ContainsKey(node.UniqueId);
    private StateNode Old(ProjectNode node) => state.Nodes[node.UniqueId];
    private bool Body(ProjectNode node) => node.TextHash != Old(node).Checksum;
    private bool Configs(ProjectNode node) => StateFingerprints.Config(node.Config) != Old(node).ConfigChecksum;

    private IEnumerable<string> Called(ProjectNode node) => node.Template?.Scan.CalledNames ?? ImmutableArray<string>.Empty;

    private bool Macros(ProjectNode node) => macros.Reachable(Called(node))
        .Any(m => !state.Macros.TryGetValue(m.Name, out var old) || old != _macros.GetValueOrDefault(m.Name));

    private bool Vars(ProjectNode node)
    {
        var package = node.Package ?? "";
        if (state.Vars.GetValueOrDefault(package) == _vars.GetValueOrDefault(package)) return false;
        var called = Called(node).ToList();
        return called.Contains(TemplateGlobals.Var) || macros.Reachable(called).Any(m => m.Scan.CalledNames.Contains(TemplateGlobals.Var));
    }
}
