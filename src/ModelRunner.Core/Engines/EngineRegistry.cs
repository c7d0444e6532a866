using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Engines;

/// <summary>The engines a build of ModelRunner knows, registered explicitly (no scanning).</summary>
public sealed class EngineRegistry
{
    private readonly ImmutableDictionary<string, IEngineFactory> _factories;

    public EngineRegistry(IEnumerable<IEngineFactory> factories)
    {
        _factories = factories.ToImmutableDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Types => _factories.Keys.OrderBy(k => k).ToList();

    public IEngineFactory Get(string type, string? file = null) =>
        _factories.TryGetValue(type, out var factory)
            ? factory
            : throw new ProjectException(
                $"unknown target type '{type}'; known types: {string.Join(", ", Types)}.{Suggestions.DidYouMean(type, Types)}", file);
}
