using System.Collections.Immutable;
using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Erasure;

/// <summary>The identifiers of the people erased, by kind (see <see cref="IdentifierKind"/>).</summary>
public sealed record ErasedIdentifiers(ImmutableSortedSet<string> Users, ImmutableSortedSet<string> Sessions, ImmutableSortedSet<string> PageViews)
{
    public int Count => Users.Count + Sessions.Count + PageViews.Count;

    /// <summary>The values a column of this kind is matched against (logins and devices alike are people's ids).</summary>
    public ImmutableSortedSet<string> Of(IdentifierKind kind) => kind switch
    {
        IdentifierKind.User or IdentifierKind.Login => Users,
        IdentifierKind.Session => Sessions,
        _ => PageViews,
    };
}

/// <summary>One table to erase from: its relation and the identifying expressions of its rows.</summary>
public sealed record EraseTarget(string Name, Relation Relation, IReadOnlyList<(string Expression, IdentifierKind Kind)> Identifiers);

/// <summary>The SQL of an erasure, for a dialect: which rows are someone's, and the statements that make a deletion physical.</summary>
public static class ErasePlan
{
    /// <summary>A predicate true for the rows of <paramref name="target"/> that hold one of the identifiers; null when none can.</summary>
    public static string? Predicate(SqlDialect dialect, EraseTarget target, ErasedIdentifiers ids)
    {
        var terms = target.Identifiers
            .Where(i => ids.Of(i.Kind).Count > 0)
            .Select(i => $"{i.Expression} in ({string.Join(", ", ids.Of(i.Kind).Select(dialect.QuoteString))})")
            .ToList();
        return terms.Count == 0 ? null : string.Join("\n    or ", terms);
    }

    public static string Count(SqlDialect dialect, EraseTarget target, string predicate) =>
        $"select count(*) from {dialect.Render(target.Relation)}\nwhere {predicate}";

    public static string Delete(SqlDialect dialect, EraseTarget target, string predicate) =>
        $"delete from {dialect.Render(target.Relation)}\nwhere {predicate}";
}
