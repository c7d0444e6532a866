using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Materializations;

/// <summary>The materializations known to ModelRunner, registered explicitly.</summary>
public sealed class MaterializationRegistry
{
    private readonly ImmutableDictionary<string, IMaterialization> _byName;

    public MaterializationRegistry(IEnumerable<IMaterialization> materializations)
    {
        _byName = materializations.ToImmutableDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The standard set: view, table, incremental (merge, delete+insert, append, insert_overwrite), ephemeral, seed.</summary>
    public static MaterializationRegistry Default() => new(new IMaterialization[]
    {
        new ViewMaterialization(),
        new TableMaterialization(),
        new IncrementalMaterialization(new IIncrementalStrategy[]
            { new MergeStrategy(), new DeleteInsertStrategy(), new AppendStrategy(), new InsertOverwriteStrategy() }),
        new EphemeralMaterialization(),
        new SeedMaterialization(),
    });

    public IReadOnlyCollection<string> Names => _byName.Keys.Order().ToList();

    public bool TryGet(string name, out IMaterialization materialization) => _byName.TryGetValue(name, out materialization!);

    public IMaterialization Get(string name, string file, string node) =>
        _byName.TryGetValue(name, out var m)
            ? m
            : throw new ProjectException($"unknown materialization '{name}'; known: {string.Join(", ", Names)}.{Suggestions.DidYouMean(name, Names)}",
                file, 0, 0, node);
}
