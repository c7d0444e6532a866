using System.Collections.Immutable;
using ModelRunner.Core.Templating;

namespace ModelRunner.Core.Project;

public enum NodeKind { Model, Seed }

/// <summary>A column as described in a property file.</summary>
public sealed record ColumnSpec(string Name, string? Description, string? DataType, ImmutableArray<DataTestSpec> Tests);

/// <summary>A data test declared in a property file (run by `modelrunner test`), validated at load time.</summary>
public sealed record DataTestSpec(string Name, string? Column, ImmutableDictionary<string, object?> Arguments, string File, int Line);

public sealed record SourceTable(string Name, string Identifier, string? Description, ImmutableArray<ColumnSpec> Columns, ImmutableArray<DataTestSpec> Tests);

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
    string? CacheKey = null)
{
    // Read for every node and edge in manifests and results: built once (nodes are never copied with `with`).
    public string UniqueId { get; } = $"{(Kind == NodeKind.Model ? "model" : "seed")}.{Name}";
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
    ImmutableArray<string> OnRunEnd);

/// <summary>The whole project, immutable once loaded.</summary>
public sealed record ProjectModel(
    string RootDirectory,
    ProjectSettings Settings,
    ImmutableArray<ProjectNode> Nodes,
    ImmutableArray<SourceDefinition> Sources,
    MacroLibrary Macros,
    ImmutableHashSet<string> DisabledNames,
    ImmutableArray<Testing.DataTestNode> DataTests,
    ImmutableArray<Testing.UnitTestSpec> UnitTests)
{
    public ProjectNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);
}
