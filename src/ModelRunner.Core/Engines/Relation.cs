namespace ModelRunner.Core.Engines;

/// <summary>A table or view in the target: optional database (catalog), schema, identifier.</summary>
public sealed record Relation(string? Database, string Schema, string Identifier)
{
    public Relation WithIdentifier(string identifier) => this with { Identifier = identifier };
    public override string ToString() => Database is null ? $"{Schema}.{Identifier}" : $"{Database}.{Schema}.{Identifier}";
}

public enum RelationKind { None, Table, View }

public sealed record ColumnInfo(string Name, string DataType);

/// <summary>Rows read back from the engine (for `show`, tests and introspection).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
