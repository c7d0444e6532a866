using System.Collections.Immutable;
using System.Globalization;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Running;

/// <summary>
/// An offline compile whose inputs did not change since the last one does nothing: target/ already holds what it would
/// write (the edit-compile loop, an editor compiling on save). The inputs are every file under the project's model,
/// macro, seed and test paths, models.yml, profiles.yml, the command's options (selection, --full-refresh, keyhole
/// window, --vars, --target, --state) and the environment variables those two files name; the outputs are
/// target/compiled/ and manifest.json as the last compile left them, file by file (a run rewrites them, so the next
/// compile does its work). Never with --no-partial-parse, never online (the database decides is_incremental), and never
/// after a compile where a template read the clock or the environment (its SQL changes by itself).
/// Recorded in target/compile_state.json.
/// </summary>
public static partial class CompileShortcut
{
    public const string FileName = "compile_state.json";

    public sealed record Request(WorkspaceOptions Options, IReadOnlyList<string> Select, IReadOnlyList<string> Exclude, bool FullRefresh,
        EventTimeWindow? Window);

    /// <summary>What the skipped compile reports: as many models as last time, and the same load warnings.</summary>
    public sealed record Replay(int Models, string CompiledPath, ImmutableArray<string> Warnings);

    /// <summary>
    /// The last compile's answer when nothing it read or wrote changed since (<see cref="Replay"/>); else what to record
    /// once this compile has succeeded (its inputs, read before it starts: a file edited while it runs is compiled next
    /// time), or null when nothing can be recorded.
    /// </summary>
    public static (Replay? Replay, string? Inputs) Check(Request request)
    {
        if (!request.Options.PartialParse) return (null, null);
        try
        {
            var (root, settings) = Project(request);
            var inputs = Inputs(request, root, settings);
            var state = Path.Combine(root, settings.TargetPath, FileName);
            if (!File.Exists(state)) return (null, inputs);
            var lines = File.ReadAllLines(state);
            if (lines.Length < 2 || lines[0] != "inputs " + inputs) return (null, inputs);
            if (!lines.Where(l => l.StartsWith("output ", StringComparison.Ordinal)).SequenceEqual(Outputs(root, settings))) return (null, inputs);
            var models = int.Parse(lines[1]["models ".Length..], CultureInfo.InvariantCulture);
            var warnings = lines.Where(l => l.StartsWith("warning ", StringComparison.Ordinal)).Select(l => l["warning ".Length..].Replace("\\n", "\n", StringComparison.Ordinal));
            return (new Replay(models, Path.Combine(settings.TargetPath, "compiled"), [.. warnings]), inputs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProjectException or FormatException)
        {
            return (null, null); // the compile runs and reports whatever is wrong
        }
    }

    /// <summary>After a compile that succeeded: what it read and wrote, unless a template reads the clock or the environment.</summary>
    public static void Record(string? inputs, Workspace workspace, int models)
    {
        var (root, settings) = (workspace.Project.RootDirectory, workspace.Project.Settings);
        var state = Path.Combine(root, settings.TargetPath, FileName);
        if (inputs is null || ReadsClockOrEnvironment(workspace))
        {
            File.Delete(state);
            return;
        }
        var text = new StringBuilder()
            .Append("inputs ").Append(inputs).Append('\n')
            .Append("models ").Append(models.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var warning in workspace.Warnings) text.Append("warning ").Append(warning.ToString().Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        foreach (var output in Outputs(root, settings)) text.Append(output).Append('\n');
        File.WriteAllText(state, text.ToString());
    }

    private static (string Root, ProjectSettings Settings) Project(Request request)
    {
        var root = Path.GetFullPath(request.Options.ProjectDirectory);
        return (root, ProjectFileReader.Read(root).Settings);
    }

    /// <summary>Any model (a cache key is withheld from those) or any macro reading the clock or the environment.</summary>
    private static bool ReadsClockOrEnvironment(Workspace workspace) =>
        workspace.Project.Nodes.Any(n => n.Kind == NodeKind.Model && n.CacheKey is null)
        || workspace.Templates.Macros.Macros.Values.Any(m => m.Scan.CalledNames.Any(name => name is TemplateGlobals.EnvVar or TemplateGlobals.RunStartedAt));

    private static string Inputs(Request request, string root, ProjectSettings settings)
    {
        var text = new StringBuilder();
        // This build of ModelRunner: another one may compile differently.
        text.Append(typeof(CompileShortcut).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        var options = request.Options;
        text.Append("target=").Append(options.Target).Append("\nvars=").Append(options.Vars)
            .Append("\nselect=").AppendJoin('\u001f', request.Select).Append("\nexclude=").AppendJoin('\u001f', request.Exclude)
            .Append("\nfull_refresh=").Append(request.FullRefresh)
            .Append("\nwindow=").Append(request.Window?.StartText).Append('/').Append(request.Window?.EndText)
            .Append("\nstate=").Append(options.StateDirectory).Append('\n');
        var projectFile = Path.Combine(root, ProjectFileReader.FileName);
        var profilesFile = Path.Combine(options.ProfilesDirectory ?? Path.Combine(root, "profiles"), ProfilesLoader.FileName);
        var files = new List<string> { projectFile, profilesFile };
        if (options.StateDirectory is { } stateDirectory) files.Add(Path.Combine(Path.GetFullPath(stateDirectory), "manifest.json"));
        foreach (var folder in settings.ModelPaths.Concat(settings.MacroPaths).Concat(settings.SeedPaths).Concat(settings.TestPaths).Distinct(StringComparer.Ordinal))
        {
            foreach (var stamp in Stamps(root, Path.Combine(root, folder))) text.Append(stamp).Append('\n');
        }
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Append(Stamp(root, info)).Append('\n');
            // The environment variables these files read (env_var('NAME')): their values are inputs too.
            if (info.Exists && !file.EndsWith(".json", StringComparison.Ordinal))
                foreach (var name in EnvVarNames().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
                    text.Append("env ").Append(name).Append('=').Append(options.Environment.GetValueOrDefault(name) ?? "\u0000unset").Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>target/compiled/ and manifest.json, file by file: size, time written, path.</summary>
    private static IEnumerable<string> Outputs(string root, ProjectSettings settings)
    {
        var target = Path.Combine(root, settings.TargetPath);
        var manifest = Stamp(root, new FileInfo(Path.Combine(target, "manifest.json")));
        return Stamps(root, Path.Combine(target, "compiled")).Prepend(manifest).Select(s => "output " + s).ToList();
    }

    /// <summary>
    /// Every file under a folder as "size ticks path", in path order, read from the directory listing itself (no
    /// extra call per file: 10k models are listed in milliseconds).
    /// </summary>
    private static List<string> Stamps(string root, string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var skip = root.Length + 1;
        var files = new FileSystemEnumerable<(string Path, string Stamp)>(directory, (ref FileSystemEntry entry) =>
        {
            var path = entry.ToFullPath()[skip..];
            return (path, Stamp(entry.Length, entry.LastWriteTimeUtc.UtcTicks, path));
        }, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        }.ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files.ConvertAll(f => f.Stamp);
    }

    private static string Stamp(string root, FileInfo file) =>
        file.Exists ? Stamp(file.Length, file.LastWriteTimeUtc.Ticks, Path.GetRelativePath(root, file.FullName)) : $"missing {Path.GetRelativePath(root, file.FullName)}";

    private static string Stamp(long length, long ticks, string path) =>
        $"{length.ToString(CultureInfo.InvariantCulture)} {ticks.ToString(CultureInfo.InvariantCulture)} {path}";

    [GeneratedRegex(@"env_var\s*\(?\s*['""]([^'""]+)['""]")]
    private static partial Regex EnvVarNames();
}
