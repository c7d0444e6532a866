using ModelRunner.Core.Json;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>
/// What state:modified compares between an earlier manifest and the project now, each a hash written into
/// manifest.json: a node's body (its file), its config, each macro's text, and the vars each package's nodes read.
/// </summary>
public static class StateFingerprints
{
    public static string Config(NodeConfig config) => ParseCache.Hash(PlainJson.Serialize(config.Values, sortKeys: true));

    /// <summary>Each macro's own text (a change to another macro of the same file does not touch it).</summary>
    public static IReadOnlyDictionary<string, string> Macros(MacroLibrary macros) =>
        macros.Macros.ToDictionary(m => m.Key, m => ParseCache.Hash(m.Value.Function.ToString() ?? ""), StringComparer.Ordinal);

    /// <summary>The vars a node of each package sees ("" for the project's own nodes).</summary>
    public static IReadOnlyDictionary<string, string> Vars(ProjectModel project, RenderOptions options) =>
        project.Nodes.Select(n => n.Package ?? "").Distinct()
            .ToDictionary(p => p, p => ParseCache.Hash(PlainJson.Serialize(options.VarsFor(p.Length == 0 ? null : p), sortKeys: true)), StringComparer.Ordinal);
}
