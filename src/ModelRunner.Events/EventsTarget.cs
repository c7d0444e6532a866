using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Events;

/// <summary>atomic.events of a workspace's target, opened and brought up to date with the schema files.</summary>
internal sealed class EventsTarget : IDisposable
{
    private readonly IEngine _engine;

    private EventsTarget(IEngine engine, IEngineSession session, SchemaCatalog catalog, AtomicEventsStore store)
    {
        _engine = engine; Session = session; Catalog = catalog; Store = store;
    }

    public IEngineSession Session { get; }
    public SchemaCatalog Catalog { get; }
    public AtomicEventsStore Store { get; }

    /// <summary>Events are loaded and generated set-based inside the engine, which must read local files (DuckDB).</summary>
    /// <param name="beforeChanges">Checks on the opened database before atomic.events is created or brought up to date.</param>
    public static EventsTarget Open(Workspace workspace, Action<IEngineSession, AtomicEventsStore>? beforeChanges = null)
    {
        if (!workspace.EngineFactory.Capabilities.ReadsLocalFiles)
            throw new ProjectException($"target '{workspace.Target.Name}' ({workspace.Target.Type}) cannot read local files; "
                + "load or generate events into a DuckDB target");
        var catalog = SchemaCatalogLoader.LoadEmbedded();
        var engine = workspace.Connect();
        var session = engine.OpenSession();
        var store = new AtomicEventsStore(session, engine.Dialect, catalog, new Relation(workspace.Target.Database, "atomic", "events"));
        try
        {
            beforeChanges?.Invoke(session, store);
        }
        catch
        {
            session.Dispose();
            engine.Dispose();
            throw;
        }
        store.Ensure();
        return new EventsTarget(engine, session, catalog, store);
    }

    public void Dispose()
    {
        Session.Dispose();
        _engine.Dispose();
    }
}
