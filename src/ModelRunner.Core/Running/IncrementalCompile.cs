using System.Text.Json.Nodes;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>
/// An offline compile after a few model files were edited, and nothing else (see <see cref="CompileShortcut"/>):
/// renders only those models, rewrites their compiled files and their entries in manifest.json, and copies the rest of
/// the manifest as the last compile wrote it, so an edit compiles in the time of one model, not of the project.
/// It applies only when the edit changed nothing another model's output depends on, which it checks by building the
/// edited model's manifest entry anew: apart from its text and its SQL (checksum, compiled_code) the entry must be
/// the one the last compile wrote, so its relation, config, tags, refs and sources are unchanged. It also stands
/// aside for an ephemeral model (its dependants inline it), a model reading an ephemeral one, one reading the
/// clock or the environment, one reading other models' tags (models_tagged), and a --state compile. When it stands
/// aside, or anything fails, the whole project compiles as usual (which reports errors as always); nothing is written
/// until every edited model has passed.
/// </summary>
public static class IncrementalCompile
{
    /// <summary>What it wrote: the project-relative paths of the files it rewrote, the manifest's new layout, and where compiled SQL lives.</summary>
    public sealed record Result(IReadOnlyList<string> Written, ManifestLayout Layout, string CompiledPath);

    public static Result? TryCompile(CompileShortcut.Request request, CompileShortcut.Edited edited, EngineRegistry engines)
    {
        if (request.Options.StateDirectory is not null || edited.Last.Layout is not { } layout) return null;
        Workspace? part;
        try { part = Workspace.OpenAround(request.Options, engines, edited.Files, edited.ModelFiles); }
        catch (ProjectException) { return null; }
        if (part is null) return null;
        var manifestPath = part.Artifacts.ManifestPath;
        var manifest = File.ReadAllBytes(manifestPath);
        if (!layout.Describes(manifest)) return null;
        var entries = layout.Entries.ToDictionary(e => e.UniqueId, StringComparer.Ordinal);
        var compiler = part.CreateCompiler(RelationCatalog.Offline(), request.FullRefresh, window: request.Window);
        var replaced = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var compiledFiles = new List<CompiledNode>();
        foreach (var path in edited.Files)
        {
            var node = part.Project.Nodes.First(n => n.RelativePath == path);
            if (!StandsAlone(node, part) || !entries.TryGetValue(node.UniqueId, out var entry)) return null;
            var last = JsonNode.Parse(manifest.AsSpan((int)entry.Start, entry.Length)) as JsonObject;
            if (last is null) return null;
            CompiledNode compiled;
            try { compiled = compiler.Compile(node); }
            catch (ProjectException) { return null; }
            // A model the last compile left out of the selection (no compiled_code) is rendered, for its errors, but not written.
            var selected = last.ContainsKey("compiled_code");
            var fresh = part.Artifacts.ManifestEntry(node, part.Project, part.Dag,
                selected ? new Dictionary<string, CompiledNode> { [node.Name] = compiled } : new Dictionary<string, CompiledNode>(), part.Namer);
            if (!SameApartFromText(last, JsonNode.Parse(fresh)!.AsObject())) return null;
            replaced[node.UniqueId] = fresh;
            if (selected) compiledFiles.Add(compiled);
        }
        part.Artifacts.WriteCompiled(compiledFiles);
        var newLayout = layout.Splice(manifestPath, manifest, ArtifactWriter.ManifestHeader(part.Target, request.Options.RunStartedAt), replaced);
        var target = part.Project.Settings.TargetPath;
        var written = compiledFiles.Select(c => part.Artifacts.CompiledPath(c.Node)).Prepend(Path.Combine(target, "manifest.json").Replace('\\', '/')).ToList();
        return new Result(written, newLayout, Path.Combine(target, "compiled"));
    }

    /// <summary>Whether the model's output depends on nothing but its own text and the relations it reads.</summary>
    private static bool StandsAlone(ProjectNode node, Workspace part) =>
        !node.IsEphemeral && !node.ReadsClockOrEnvironment
        && !part.Dag.Parents[node.Name].Any(p => part.Dag.ByName[p].IsEphemeral)
        && node.Template?.KnownScan is { } scan
        && !scan.CalledNames.Concat(part.Templates.Macros.Reachable(scan.CalledNames).SelectMany(m => m.Scan.CalledNames))
            .Contains(TemplateGlobals.ModelsTagged);

    private static bool SameApartFromText(JsonObject last, JsonObject fresh)
    {
        foreach (var text in new[] { "checksum", "compiled_code" })
        {
            last.Remove(text);
            fresh.Remove(text);
        }
        return JsonNode.DeepEquals(last, fresh);
    }
}
