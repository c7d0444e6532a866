using System.Collections.Immutable;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>
/// An offline compile whose inputs did not change since the last one does nothing: target/ already holds what it would
/// write (the edit-compile loop, an editor compiling on save); one where only a few model files changed re-renders just
/// those when it can (see <see cref="IncrementalCompile"/>). The inputs are every file under the project's model, macro,
/// seed and test paths, models.yml, profiles.yml, the command's options (selection, --full-refresh, keyhole window,
/// --vars, --target, --state) and the environment variables those two files name; the outputs are target/compiled/ and
/// manifest.json as the last compile left them, file by file (a run rewrites them, so the next compile does its work).
/// Never with --no-partial-parse, never online (the database decides is_incremental), and never after a compile where a
/// template read the clock or the environment (its SQL changes by itself). Recorded in target/compile_state.json.
/// </summary>
public static partial class CompileShortcut
{
    /// <summary>More edited models than this compile as a whole project (in parallel, from the partial-parse cache).</summary>
    public const int MostEditedModels = 64;

    public sealed record Request(WorkspaceOptions Options, IReadOnlyList<string> Select, IReadOnlyList<string> Exclude, bool FullRefresh,
        EventTimeWindow? Window);

    /// <summary>What the skipped compile reports: as many models as last time, and the same load warnings.</summary>
    public sealed record Replay(int Models, string CompiledPath, ImmutableArray<string> Warnings);

    /// <summary>
    /// What this compile read, before it started: a hash of all but the model files, each model file's stamp, and the
    /// files of each project folder it listed (so loading need not list them again).
    /// </summary>
    public sealed record Inputs(string Hash, ImmutableArray<FileStamp> ModelFiles, IReadOnlyDictionary<string, ImmutableArray<string>> Listed);

    /// <summary>
    /// Only these model files changed since <paramref name="Last"/>: edited, or new (<paramref name="Added"/>, also among
    /// <paramref name="Files"/>), or gone (<paramref name="Removed"/>, not among them); <paramref name="ModelFiles"/> gives
    /// every model file by model name.
    /// <paramref name="Inputs"/> is what this compile read, <paramref name="Root"/> the project folder and
    /// <paramref name="StatePath"/> the state file (see <see cref="RecordEdited"/>).
    /// </summary>
    public sealed record Edited(ImmutableArray<string> Files, ImmutableArray<string> Added, ImmutableArray<string> Removed,
        IReadOnlyDictionary<string, string> ModelFiles, CompileState Last, Inputs Inputs, string Root, string StatePath)
    {
        /// <summary>How many models this compile has, given how many the last one had.</summary>
        public int Models => Last.Models + Added.Length - Removed.Length;
    }

    /// <summary>
    /// The answer of <see cref="Check"/>: the last compile's output stands (<see cref="Replay"/>); or only a few model files
    /// were edited (<see cref="Edited"/>); and what to record once this compile has succeeded (null when nothing can be).
    /// </summary>
    public sealed record Outcome(Replay? Replay, Edited? Edited, Inputs? Inputs);

    public static Outcome Check(Request request)
    {
        if (!request.Options.PartialParse) return new(null, null, null);
        try
        {
            var (root, settings) = Project(request);
            // Both walks stat every file they list (10k models, 10k compiled files): side by side.
            var outputs = Task.Run(() => Outputs(root, settings));
            var inputs = Read(request, root, settings);
            var state = StatePath(root, settings);
            var last = CompileState.ReadHeader(state);
            if (last is null || last.Inputs != inputs.Hash || last.OutputsHash != FileStamp.Hash(outputs.GetAwaiter().GetResult())) return new(null, null, inputs);
            if (last.ModelFilesHash == FileStamp.Hash(inputs.ModelFiles))
                return new(new Replay(last.Models, Path.Combine(settings.TargetPath, "compiled"), last.Warnings), null, inputs);
            var whole = CompileState.Read(state);
            var changes = whole is null ? null : Changes(whole.ModelFiles, inputs.ModelFiles);
            var byName = ByName(inputs.ModelFiles);
            return new(null, changes is not { } c || whole?.Layout is null || byName is null ? null : new Edited(c.Files, c.Added, c.Removed, byName, whole, inputs, root, state), inputs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProjectException or FormatException or OverflowException)
        {
            return new(null, null, null); // the compile runs and reports whatever is wrong
        }
    }

    /// <summary>After a compile that succeeded: what it read and wrote, unless a template reads the clock or the environment.</summary>
    public static void Record(Inputs? inputs, Workspace workspace, int models, ManifestLayout layout)
    {
        var (root, settings) = (workspace.Project.RootDirectory, workspace.Project.Settings);
        var state = StatePath(root, settings);
        if (inputs is null || ReadsClockOrEnvironment(workspace))
        {
            File.Delete(state);
            return;
        }
        new CompileState(inputs.Hash, models, [.. workspace.Warnings.Select(w => w.AsWarning())], inputs.ModelFiles,
            [.. Outputs(root, settings)], layout).Write(state);
    }

    /// <summary>
    /// After rendering only the edited and added models: the last state, with this compile's model files, the files it
    /// wrote (<paramref name="written"/>, project-relative) stamped anew and the manifest's new layout.
    /// </summary>
    public static void RecordEdited(Edited edited, IReadOnlyList<string> written, ManifestLayout layout)
    {
        var root = edited.Root;
        var outputs = edited.Last.Outputs.ToBuilder();
        var index = Enumerable.Range(0, outputs.Count).ToDictionary(i => outputs[i].Path, StringComparer.Ordinal);
        foreach (var path in written)
        {
            var stamp = FileStamp.Of(root, new FileInfo(Path.Combine(root, path)));
            if (index.TryGetValue(path, out var i)) outputs[i] = stamp;
            else outputs.Add(stamp); // a new model's compiled file
        }
        // In the order a listing gives them: manifest.json first, then target/compiled/ in path order.
        var ordered = outputs.Take(1).Concat(outputs.Skip(1).OrderBy(o => o.Path, StringComparer.Ordinal)).ToImmutableArray();
        (edited.Last with { Models = edited.Models, ModelFiles = edited.Inputs.ModelFiles, Outputs = ordered, Layout = layout })
            .Write(edited.StatePath);
    }

    private static string StatePath(string root, ProjectSettings settings) => Path.Combine(root, settings.TargetPath, CompileState.FileName);

    /// <summary>
    /// The model files whose stamps differ or that are new (both in path order) and those that are gone, when not too
    /// many changed; else null.
    /// </summary>
    private static (ImmutableArray<string> Files, ImmutableArray<string> Added, ImmutableArray<string> Removed)? Changes(
        ImmutableArray<FileStamp> last, ImmutableArray<FileStamp> now)
    {
        var before = last.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var present = now.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = last.Where(f => !present.Contains(f.Path)).Select(f => f.Path).ToImmutableArray();
        var (files, added) = (ImmutableArray.CreateBuilder<string>(), ImmutableArray.CreateBuilder<string>());
        foreach (var file in now)
        {
            if (before.TryGetValue(file.Path, out var old) && old == file) continue;
            if (files.Count + removed.Length == MostEditedModels) return null;
            files.Add(file.Path);
            if (old == default) added.Add(file.Path);
        }
        if (removed.Length > MostEditedModels) return null;
        return (files.ToImmutable(), added.ToImmutable(), removed);
    }

    /// <summary>Every model file by model name; null when two files name the same model (the whole compile reports it).</summary>
    private static Dictionary<string, string>? ByName(ImmutableArray<FileStamp> modelFiles)
    {
        var byName = new Dictionary<string, string>(modelFiles.Length, StringComparer.Ordinal);
        foreach (var file in modelFiles)
            if (!byName.TryAdd(Path.GetFileNameWithoutExtension(file.Path), file.Path)) return null;
        return byName;
    }

    private static (string Root, ProjectSettings Settings) Project(Request request)
    {
        var root = Path.GetFullPath(request.Options.ProjectDirectory);
        return (root, ProjectFileReader.Read(root).Settings);
    }

    /// <summary>Any model or any macro reading the clock or the environment.</summary>
    private static bool ReadsClockOrEnvironment(Workspace workspace) =>
        workspace.Project.Nodes.Any(n => n.ReadsClockOrEnvironment)
        || workspace.Templates.Macros.Macros.Values.Any(m => m.Scan.CalledNames.Any(name => name is TemplateGlobals.EnvVar or TemplateGlobals.RunStartedAt));

    private static Inputs Read(Request request, string root, ProjectSettings settings)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new Utf8Lines(sha.AppendData);
        // This build of ModelRunner: another one may compile differently.
        text.Append(typeof(CompileShortcut).Assembly.ManifestModule.ModuleVersionId.ToString()).Append('\n');
        var options = request.Options;
        text.Append("target=").Append(options.Target ?? "").Append("\nvars=").Append(options.Vars ?? "")
            .Append("\nselect=").Append(string.Join('\u001f', request.Select)).Append("\nexclude=").Append(string.Join('\u001f', request.Exclude))
            .Append("\nfull_refresh=").Append(request.FullRefresh ? "True" : "False")
            .Append("\nwindow=").Append(request.Window?.StartText ?? "").Append('/').Append(request.Window?.EndText ?? "")
            .Append("\nstate=").Append(options.StateDirectory ?? "").Append('\n');
        var projectFile = Path.Combine(root, ProjectFileReader.FileName);
        var profilesFile = Path.Combine(options.ProfilesDirectory ?? Path.Combine(root, "profiles"), ProfilesLoader.FileName);
        var files = new List<string> { projectFile, profilesFile };
        if (options.StateDirectory is { } stateDirectory) files.Add(Path.Combine(Path.GetFullPath(stateDirectory), "manifest.json"));
        var isModel = ProjectLoader.IsModelFile(root, settings);
        var modelFiles = ImmutableArray.CreateBuilder<FileStamp>();
        var listed = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var folder in settings.ModelPaths.Concat(settings.MacroPaths).Concat(settings.SeedPaths).Concat(settings.TestPaths).Distinct(StringComparer.Ordinal))
        {
            var underModelPath = settings.ModelPaths.Contains(folder);
            var stamps = Stamps(root, Path.Combine(root, folder));
            listed[folder] = stamps.ConvertAll(s => s.Path).ToImmutableArray();
            foreach (var stamp in stamps)
            {
                // Model files are stamped one by one (an edit to a few of them is compiled alone); the rest is hashed.
                if (underModelPath && isModel(Path.Combine(root, stamp.Path), stamp.Path.Replace('\\', '/'))) modelFiles.Add(stamp);
                else text.Stamp(stamp);
            }
        }
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Stamp(FileStamp.Of(root, info));
            // The environment variables these files read (env_var('NAME')): their values are inputs too.
            if (info.Exists && !file.EndsWith(".json", StringComparison.Ordinal))
                foreach (var name in EnvVarNames().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
                    text.Append("env ").Append(name).Append('=').Append(options.Environment.GetValueOrDefault(name) ?? "\u0000unset").Append('\n');
        }
        text.Flush();
        return new Inputs(Convert.ToHexString(sha.GetHashAndReset()), modelFiles.ToImmutable(), listed);
    }

    /// <summary>manifest.json and target/compiled/, file by file.</summary>
    private static List<FileStamp> Outputs(string root, ProjectSettings settings)
    {
        var target = Path.Combine(root, settings.TargetPath);
        var files = Stamps(root, Path.Combine(target, "compiled"));
        files.Insert(0, FileStamp.Of(root, new FileInfo(Path.Combine(target, "manifest.json"))));
        return files;
    }

    /// <summary>
    /// Every file under a folder, in path order, stamped from the directory listing (one string per file: with 10k
    /// models this runs on every compile).
    /// </summary>
    private static readonly string Separator = Path.DirectorySeparatorChar.ToString();

    private static List<FileStamp> Stamps(string root, string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var skip = root.Length + 1;
        var files = new FileSystemEnumerable<FileStamp>(directory, (ref FileSystemEntry entry) =>
            new FileStamp(string.Concat(entry.Directory[skip..], Separator, entry.FileName), entry.Length, entry.LastWriteTimeUtc.UtcTicks),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        }.ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    [GeneratedRegex(@"env_var\s*\(?\s*['""]([^'""]+)['""]")]
    private static partial Regex EnvVarNames();
}
