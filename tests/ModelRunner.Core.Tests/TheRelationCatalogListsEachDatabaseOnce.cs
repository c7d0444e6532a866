using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Tests;

/// <summary>
/// A run reads the schemas it builds in at once: one listing per database, each schema once whatever its spelling, and
/// no question after that goes back to the engine for a schema already read.
/// </summary>
public class TheRelationCatalogListsEachDatabaseOnce
{
    [Fact]
    public void Schemas_of_two_databases_take_two_listings_and_nothing_more()
    {
        var asked = new List<(string? Database, string Schema)>();
        var catalog = RelationCatalog.FromLister((database, schema) =>
        {
            asked.Add((database, schema));
            return schema == "derived" ? new Dictionary<string, RelationKind> { ["page_views"] = RelationKind.Table } : new Dictionary<string, RelationKind>();
        });
        catalog.Read([(null, "derived"), (null, "scratch"), (null, "Derived"), ("run", "scratch"), (null, "derived")]);

        Assert.Equal([(null, "derived"), (null, "scratch"), ("run", "scratch")], asked);
        Assert.Equal(RelationKind.Table, catalog.KindOf(new Relation(null, "derived", "page_views")));
        Assert.Equal(RelationKind.None, catalog.KindOf(new Relation(null, "scratch", "page_views")));
        Assert.Equal(RelationKind.None, catalog.KindOf(new Relation("run", "scratch", "x")));
        catalog.Read([(null, "derived"), ("run", "scratch")]);
        Assert.Equal(3, asked.Count); // known already: not listed again
    }
}
