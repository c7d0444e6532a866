using System.Collections.Immutable;

namespace ModelRunner.Core.Testing;

public enum UnitInputKind { Ref, Source, This }

/// <summary>Rows of a unit test (an input or the expectation), as text: what YAML or CSV gave; null is SQL NULL.</summary>
public sealed record RowSet(ImmutableArray<string> Columns, ImmutableArray<ImmutableArray<string?>> Rows)
{
    public static readonly RowSet Empty = new(ImmutableArray<string>.Empty, ImmutableArray<ImmutableArray<string?>>.Empty);
}

/// <summary>One <c>given:</c> entry: the rows a ref, a source or <c>this</c> holds during the test.</summary>
public sealed record UnitTestInput(string Input, UnitInputKind Kind, string Name, string? Table, RowSet Rows, int Line);

/// <summary>
/// A unit test of one model (dbt's <c>unit_tests:</c>): input rows for what the model reads, optionally the
/// existing rows of <c>this</c> with <c>is_incremental</c> true, and the rows the model must return; macros, vars and
/// environment variables the test overrides.
/// </summary>
public sealed record UnitTestSpec(
    string Name,
    string Model,
    ImmutableArray<UnitTestInput> Given,
    RowSet Expect,
    bool IsIncremental,
    ImmutableDictionary<string, object?> Vars,
    string File,
    int Line,
    ImmutableDictionary<string, MacroOverride>? Macros = null, // overrides: macros other than is_incremental
    ImmutableDictionary<string, string>? EnvVars = null) // overrides: env_vars
{
    public string UniqueId { get; } = $"unit_test.{Model}.{Name}";
}

/// <summary>A macro a unit test overrides: the value it returns, and the line that says so.</summary>
public sealed record MacroOverride(object? Value, int Line);
