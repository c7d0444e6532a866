using System.Text.Json.Nodes;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>
/// An offline compile after a few model files were edited, added or removed, and nothing else (see <see cref="CompileShortcut"/>):
/// renders only the edited and added models, rewrites their compiled files and their entries in manifest.json, takes the
/// removed ones out of it (see <see cref="Leaving"/>), and copies the rest of the manifest as the last compile wrote it,
/// so an edit compiles in the time of one model, not of the project.
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
        try { part = Workspace.OpenAround(request.Options, engines, edited.Files, edited.ModelFiles, edited.Inputs.Listed); }
        catch (ProjectException) { return null; }
        if (part is null) return null;
        var manifestPath = part.Artifacts.ManifestPath;
        using var manifest = new ManifestFile(manifestPath);
        if (!layout.Describes(manifest)) return null;
        var entries = layout.Entries.ToDictionary(e => e.UniqueId, StringComparer.Ordinal);
        var compiler = part.CreateCompiler(RelationCatalog.Offline(), request.FullRefresh, window: request.Window);
        var replaced = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var added = new List<(string UniqueId, byte[] Entry)>();
        var addedNodes = new List<ProjectNode>();
        var compiledFiles = new List<CompiledNode>();
        foreach (var path in edited.Files)
        {
            var node = part.Project.Nodes.First(n => n.RelativePath == path);
            var isNew = edited.Added.Contains(path);
            if (!StandsAlone(node, part) || (isNew ? !CanJoin(node, request, edited, entries) : !entries.ContainsKey(node.UniqueId))) return null;
            var last = isNew ? null : JsonNode.Parse(manifest.Read(entries[node.UniqueId].Start, entries[node.UniqueId].Length)) as JsonObject;
            if (!isNew && last is null) return null;
            CompiledNode compiled;
            try { compiled = compiler.Compile(node); }
            catch (ProjectException) { return null; }
            // A model the last compile left out of the selection (no compiled_code) is rendered, for its errors, but not
            // written; a new one is selected (there is no selection).
            var selected = last?.ContainsKey("compiled_code") ?? true;
            var fresh = part.Artifacts.ManifestEntry(node, part.Project, part.Dag,
                selected ? new Dictionary<string, CompiledNode> { [node.Name] = compiled } : new Dictionary<string, CompiledNode>(), part.Namer);
            if (last is null)
            {
                added.Add((node.UniqueId, fresh));
                addedNodes.Add(node);
            }
            else if (SameApartFromText(last, JsonNode.Parse(fresh)!.AsObject())) replaced[node.UniqueId] = fresh;
            else return null;
            if (selected) compiledFiles.Add(compiled);
        }
        var removed = Leaving(request, edited, part, manifest, entries);
        if (removed is null) return null;
        // A new model is a child of the models it reads, a removed one no longer: the child map is written anew.
        var childMap = added.Count == 0 && removed.Count == 0 ? null : ArtifactWriter.ChildMapWith(manifest, layout,
            addedNodes.Select(n => (n.UniqueId, part.Dag.Parents[n.Name].Select(p => part.Dag.ByName[p].UniqueId))), removed);
        if ((added.Count > 0 || removed.Count > 0) && childMap is null) return null;
        part.Artifacts.WriteCompiled(compiledFiles);
        var newLayout = layout.Splice(manifestPath, manifest, ArtifactWriter.ManifestHeader(part.Target, request.Options.RunStartedAt),
            new ManifestLayout.Changes(replaced, added, removed, childMap));
        var target = part.Project.Settings.TargetPath;
        var written = compiledFiles.Select(c => part.Artifacts.CompiledPath(c.Node)).Prepend(Path.Combine(target, "manifest.json").Replace('\\', '/')).ToList();
        return new Result(written, newLayout, Path.Combine(target, "compiled"));
    }

    /// <summary>
    /// Whether a new model joins the project without changing anything else: no selection to evaluate, a name no node
    /// has, enabled, no tags (others' models_tagged would list it), and not named by a property file or a warning of the
    /// last compile (its description, tests and that warning would change).
    /// </summary>
    private static bool CanJoin(ProjectNode node, CompileShortcut.Request request, CompileShortcut.Edited edited, Dictionary<string, ManifestEntry> entries) =>
        request.Select.Count == 0 && request.Exclude.Count == 0
        && !entries.ContainsKey(node.UniqueId) && !entries.ContainsKey("seed." + node.Name)
        && node.Config.Enabled && node.Config.Tags.IsDefaultOrEmpty
        && node.Description is null && node.Columns.IsDefaultOrEmpty && node.Tests.IsDefaultOrEmpty
        && !edited.Last.Warnings.Any(w => w.Contains($"'{node.Name}'", StringComparison.Ordinal));

    /// <summary>
    /// The unique ids of the models whose files are gone, when each can leave the manifest without changing anything else
    /// (its child-map list, checked with the child map, must hold no model that stays); else null. A removed model leaves
    /// alone only when: there is no selection; its manifest entry is the one at its path, without tags (others'
    /// models_tagged listed it), description or columns; no warning of the last compile names it; no new or edited model
    /// takes its name (a moved file); and its name appears in no property file, test file or models.yml (a test or a
    /// description of it, a relationship to it, a unit test: the whole compile says what is wrong with them).
    /// </summary>
    private static HashSet<string>? Leaving(CompileShortcut.Request request, CompileShortcut.Edited edited, Workspace part, ManifestFile manifest,
        Dictionary<string, ManifestEntry> entries)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        if (edited.Removed.IsEmpty) return removed;
        if (request.Select.Count > 0 || request.Exclude.Count > 0) return null;
        var names = new List<string>();
        foreach (var path in edited.Removed)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var id = "model." + name;
            if (part.Dag.ByName.ContainsKey(name) || !entries.TryGetValue(id, out var entry) || ManifestLayout.KeyOf(manifest, entry) is null
                || JsonNode.Parse(manifest.Read(entry.Start, entry.Length)) is not JsonObject last
                || last["original_file_path"]?.GetValue<string>() != path.Replace('\\', '/')
                || last["tags"] is not JsonArray { Count: 0 } || last["description"]?.GetValue<string>() is not ""
                || last["columns"] is not JsonObject { Count: 0 }
                || edited.Last.Warnings.Any(w => w.Contains($"'{name}'", StringComparison.Ordinal)))
                return null;
            names.Add(name);
            removed.Add(id);
        }
        return NamedOutsideModels(edited, part.Project.Settings, names) ? null : removed;
    }

    /// <summary>Whether any of the names appears in a file under the model or test paths that is not a model, or in models.yml.</summary>
    private static bool NamedOutsideModels(CompileShortcut.Edited edited, ProjectSettings settings, IReadOnlyList<string> names)
    {
        var models = edited.Inputs.ModelFiles.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var files = settings.ModelPaths.Concat(settings.TestPaths).Distinct(StringComparer.Ordinal)
            .SelectMany(folder => edited.Inputs.Listed.GetValueOrDefault(folder, []))
            .Where(f => !models.Contains(f)).Prepend(ProjectFileReader.FileName);
        try
        {
            foreach (var file in files)
            {
                var text = File.ReadAllText(Path.Combine(edited.Root, file));
                if (names.Any(name => text.Contains(name, StringComparison.Ordinal))) return true;
            }
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // the whole compile reads them again and says what is wrong
        }
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
