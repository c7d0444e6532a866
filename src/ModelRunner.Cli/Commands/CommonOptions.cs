using System.CommandLine;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>Options shared by the commands, as dbt spells them.</summary>
public static class CommonOptions
{
    public static readonly Option<string> ProjectDir = new("--project-dir")
        { Description = "Folder holding models.yml (default: the current folder)", Recursive = true, DefaultValueFactory = _ => "." };
    public static readonly Option<string?> ProfilesDir = new("--profiles-dir")
        { Description = "Folder holding profiles.yml (default: <project-dir>/profiles)", Recursive = true };
    public static readonly Option<string?> Target = new("--target", "-t") { Description = "Target of the profile to use", Recursive = true };
    public static readonly Option<string?> Vars = new("--vars") { Description = "Variables as YAML or JSON, e.g. '{start_date: 2024-01-01}'", Recursive = true };
    public static readonly Option<string> LogFormat = new("--log-format")
        { Description = "text (default) or json (one JSON object per event, for schedulers)", Recursive = true, DefaultValueFactory = _ => "text" };

    public static readonly Option<string[]> Select = new("--select", "-s")
        { Description = "Nodes to include (dbt syntax: name, +name, name+, @name, tag:x, path:dir, config.k:v)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string[]> Exclude = new("--exclude") { Description = "Nodes to leave out (same syntax)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<bool> FullRefresh = new("--full-refresh") { Description = "Rebuild incremental models from scratch" };
    public static readonly Option<bool> Empty = new("--empty")
        { Description = "Refs and sources read no rows: every model is built empty, a check of every query against the real schemas at no cost" };
    public static readonly Option<string?> EventTimeStart = new("--event-time-start")
        { Description = "Keyhole backfill: reprocess the window from this time (YYYY-MM-DD[ HH:MM[:SS]], UTC), leaving the manifests as they are" };
    public static readonly Option<string?> EventTimeEnd = new("--event-time-end") { Description = "Keyhole backfill: the end of the window (excluded)" };
    public static readonly Option<int?> Threads = new("--threads") { Description = "Number of models built at once (default: the target's threads)" };
    public static readonly Option<bool> FailFast = new("--fail-fast") { Description = "Stop at the first failure" };
    public static readonly Option<bool> NoReuse = new("--no-reuse")
        { Description = "Build every selected package, also one whose input-signal says nothing it reads changed since its last run" };

    public static readonly Option<bool> StoreFailures = new("--store-failures")
        { Description = "Keep each test's failing rows in a table (<schema>_test_failures.<test name>) for inspection" };

    public static readonly Option<bool> NoPartialParse = new("--no-partial-parse")
        { Description = "Parse and render every model again, ignoring target/partial_parse.bin", Recursive = true };

    public static readonly Option<string?> State = new("--state")
        { Description = "A folder holding an earlier manifest.json (e.g. production's): for state:modified / state:new and --defer", Recursive = true };
    public static readonly Option<bool> Defer = new("--defer")
        { Description = "With --state: refs to models not selected and not built in this target read the state's relations (e.g. production's)" };

    public static IEnumerable<Option> Global => new Option[] { ProjectDir, ProfilesDir, Target, Vars, LogFormat, NoPartialParse, State };

    static CommonOptions()
    {
        LogFormat.AcceptOnlyFromAmong("text", "json");
        // Parsed here rather than by the library, whose message names a .NET type.
        Threads.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
                result.AddError($"--threads takes a whole number (got '{text}')");
            else if (n < 1)
                result.AddError($"--threads must be 1 or more (got {n})");
            else
                return n;
            return null;
        };
    }

    /// <summary>
    /// A folder a command will write into (made when it writes): refused before anything runs when it, or the nearest
    /// part of its path that exists, is a file. Relative paths are taken from <paramref name="baseDirectory"/>.
    /// </summary>
    public static string OutputFolder(string path, string option, string baseDirectory)
    {
        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        for (var at = full; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
                throw new ProjectException($"{option} {path}: {(at == full ? "it is a file" : $"{at} is a file")}; give a folder to write into");
            if (Directory.Exists(at)) break;
        }
        return full;
    }

    public static WorkspaceOptions Workspace(ParseResult parse, CliContext context) => new(
        parse.GetValue(ProjectDir) ?? ".",
        parse.GetValue(ProfilesDir),
        parse.GetValue(Target),
        parse.GetValue(Vars),
        context.Environment,
        DateTimeOffset.UtcNow,
        !parse.GetValue(NoPartialParse),
        parse.GetValue(State));

    /// <summary>Opens the project for a command and reports its load warnings.</summary>
    public static Core.Running.Workspace OpenWorkspace(ParseResult parse, CliContext context, IRunReporter reporter)
    {
        var workspace = Core.Running.Workspace.Open(Workspace(parse, context), context.Engines);
        foreach (var warning in workspace.Warnings) reporter.Warning(warning.AsWarning());
        return workspace;
    }

    public static IReadOnlyList<string> Selected(ParseResult parse, Option<string[]> option) => parse.GetValue(option) ?? Array.Empty<string>();
}
