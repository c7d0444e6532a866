using System.Collections.Immutable;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Project;

public enum NodeKind { Model, Seed }

/// <summary>A column as described in a property file.</summary>
public sealed record ColumnSpec(string Name, string? Description, string? DataType, ImmutableArray<DataTestSpec> Tests);

/// <summary>A data test declared in a property file (run by `modelrunner test`), validated at load time.</summary>
public sealed record DataTestSpec(string Name, string? Column, ImmutableDictionary<string, object?> Arguments, string File, int Line)
{
    /// <summary>The tags of the column the test is declared on: dbt gives them to every test of that column.</summary>
    public ImmutableArray<string> ColumnTags { get; init; } = ImmutableArray<string>.Empty;
}

public sealed record SourceTable(string Name, string Identifier, string? Description, ImmutableArray<ColumnSpec> Columns, ImmutableArray<DataTestSpec> Tests)
{
    /// <summary>How fresh the table must be (dbt's freshness:, the table's or else its source's); null: not checked.</summary>
    public FreshnessRule? Freshness { get; init; }

    /// <summary>The column saying when a row happened (dbt's event_time): a keyhole run filters it to the window for models with event_time.</summary>
    public string? EventTime { get; init; }
}

/// <summary>
/// A source table's freshness rule, as dbt's: the newest <paramref name="LoadedAtField"/> may be at most
/// <paramref name="WarnAfter"/> old without a warning and <paramref name="ErrorAfter"/> old without an error, counting the
/// rows <paramref name="Filter"/> keeps.
/// </summary>
public sealed record FreshnessRule(string LoadedAtField, FreshnessLimit? WarnAfter, FreshnessLimit? ErrorAfter, string? Filter, string File, int Line);

/// <summary>A count of minutes, hours or days.</summary>
public sealed record FreshnessLimit(long Count, string Period)
{
    public TimeSpan Span => Period switch { "minute" => TimeSpan.FromMinutes(Count), "hour" => TimeSpan.FromHours(Count), _ => TimeSpan.FromDays(Count) };
}

/// <summary>A declared source (raw data the project reads, e.g. atomic.events).</summary>
public sealed record SourceDefinition(string Name, string? Database, string Schema, string? Description, ImmutableArray<SourceTable> Tables, string File, int Line);

/// <summary>A reference found statically in a template: where it stands, for diagnostics.</summary>
public sealed record TemplateReference(string Name, string? Table, string File, int Line, int Column);

/// <summary>One node of the project: a model (a Scriban SQL template) or a seed (a CSV file).</summary>
public sealed record ProjectNode(
    NodeKind Kind,
    string Name,
    string RelativePath,
    string FullPath,
    NodeConfig Config,
    ParsedTemplate? Template,
    ImmutableArray<TemplateReference> Refs,
    ImmutableArray<TemplateReference> Sources,
    string? Description,
    ImmutableArray<ColumnSpec> Columns,
    ImmutableArray<DataTestSpec> Tests,
    string? CacheKey = null,
    string? Package = null)
{
    // Read for every node and edge in manifests and results: built once (nodes are never copied with `with`).
    public string UniqueId { get; } = $"{(Kind == NodeKind.Model ? "model" : "seed")}.{Name}";

    /// <summary>A hash of the node's file as written (its body), for state:modified; null where it was not read.</summary>
    public string? TextHash { get; init; }

    /// <summary>The model or a macro it calls reads the clock or the environment (run_started_at, env_var): its SQL changes by itself.</summary>
    public bool ReadsClockOrEnvironment { get; init; }
    public bool IsEphemeral => Kind == NodeKind.Model && Config.Materialized == "ephemeral";
}

/// <summary>Everything models.yml says, except the per-folder configs which live on the nodes.</summary>
public sealed record ProjectSettings(
    string Name,
    string? Profile,
    ImmutableArray<string> ModelPaths,
    ImmutableArray<string> MacroPaths,
    ImmutableArray<string> SeedPaths,
    ImmutableArray<string> TestPaths,
    string TargetPath,
    ImmutableDictionary<string, object?> Vars,
    ImmutableArray<string> OnRunStart,
    ImmutableArray<string> OnRunEnd,
    ImmutableDictionary<string, bool>? PackageSwitches = null,
    ImmutableDictionary<string, int>? VarLines = null, // the line of each var in models.yml, for messages about its value
    ImmutableArray<string> CleanTargets = default) // what `clean` deletes (dbt's clean-targets); the target path when unset
{
    public ImmutableArray<string> PathsToClean => CleanTargets.IsDefaultOrEmpty ? [TargetPath] : CleanTargets;
}

/// <summary>The whole project, immutable once loaded.</summary>
public sealed record ProjectModel(
    string RootDirectory,
    ProjectSettings Settings,
    ImmutableArray<ProjectNode> Nodes,
    ImmutableArray<SourceDefinition> Sources,
    MacroLibrary Macros,
    ImmutableHashSet<string> DisabledNames,
    ImmutableArray<Testing.DataTestNode> DataTests,
    ImmutableArray<Testing.UnitTestSpec> UnitTests,
    ImmutableArray<PackageDefinition> Packages = default)
{
    public ProjectNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>on-run-start hooks: the enabled packages' (in order of name), then the project's, as dbt orders them.</summary>
    public IReadOnlyList<RunHook> RunStartHooks => Hooks("on-run-start", p => p.OnRunStart, Settings.OnRunStart);

    /// <summary>on-run-end hooks, in the same order.</summary>
    public IReadOnlyList<RunHook> RunEndHooks => Hooks("on-run-end", p => p.OnRunEnd, Settings.OnRunEnd);

    private List<RunHook> Hooks(string kind, Func<PackageDefinition, ImmutableArray<string>> ofPackage, ImmutableArray<string> project)
    {
        var hooks = new List<RunHook>();
        foreach (var package in Packages.IsDefault ? [] : Packages)
            if (package.Enabled)
                hooks.AddRange(ofPackage(package).Select((h, i) => new RunHook(h, $"{package.Name} {kind}[{i}]", package.File, package.Name)));
        hooks.AddRange(project.Select((h, i) => new RunHook(h, $"{kind}[{i}]", ProjectFileReader.FileName, null)));
        return hooks;
    }
}
