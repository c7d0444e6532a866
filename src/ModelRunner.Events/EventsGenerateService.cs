using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Events;

/// <summary>`modelrunner events generate`: synthetic events into atomic.events of the workspace's target.</summary>
public sealed class EventsGenerateService
{
    /// <summary>Rows added (events plus generated duplicates); with <paramref name="onlyIfEmpty"/>, nothing when events exist.</summary>
    public long Generate(Workspace workspace, GeneratorOptions options, bool onlyIfEmpty)
    {
        if (options.Events <= 0 || options.Days <= 0 || options.EventsPerSession <= 0 || options.Sessions <= 0 || options.Users <= 0)
            throw new ProjectException("--events, --days, --sessions and --users must be positive");
        var rates = new[] { options.DuplicateRate, options.LateWithinLookbackRate, options.LateBeyondLookbackRate, options.DeviceSentLateRate, options.BotRate,
            options.LongSessionRate, options.OutsideAppFilterRate, options.MobileShare, options.LoggedInShare, options.MediaShare };
        if (rates.Any(r => r is < 0 or > 1)) throw new ProjectException("rates are fractions between 0 and 1 (0.02 = 2 %)");
        var hasEvents = false;
        using var target = EventsTarget.Open(workspace, (session, store) =>
        {
            hasEvents = session.ListRelations(store.Table.Database, store.Table.Schema).ContainsKey(store.Table.Identifier)
                && session.Query($"select 1 from {store.TableSql} limit 1").Rows.Count > 0;
            // With --if-empty on events already there nothing is generated: nothing to refuse.
            if (!(onlyIfEmpty && hasEvents)) RefuseWhatTheDiskCannotHold(session, options);
        });
        if (onlyIfEmpty && hasEvents) return 0;
        return new EventGenerator(target.Session, target.Store, target.Catalog).Generate(options);
    }

    /// <summary>
    /// Computes the rows <see cref="Generate"/> would add and writes none of them (see <see cref="EventGenerator.Evaluate"/>):
    /// the events benchmark weighs what the rows cost apart from writing them.
    /// </summary>
    public void Evaluate(Workspace workspace, GeneratorOptions options)
    {
        using var target = EventsTarget.Open(workspace);
        new EventGenerator(target.Session, target.Store, target.Catalog).Evaluate(options);
    }

    /// <summary>What the generated rows take in a DuckDB file, compressed (1M events: 142 MB), rounded up.</summary>
    public const long BytesPerEvent = 150;

    /// <summary>
    /// A count the database's disk cannot hold is refused before anything is generated: the insert would run for hours
    /// and then fail (rolled back, but the time is lost). An in-memory database is left to DuckDB's memory limit.
    /// </summary>
    private static void RefuseWhatTheDiskCannotHold(IEngineSession session, GeneratorOptions options)
    {
        var path = Convert.ToString(session.Query("select coalesce(path, '') from duckdb_databases() where database_name = current_database()").Rows[0][0],
            System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(path) || path == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var free = new DriveInfo(folder).AvailableFreeSpace;
        // Duplicates add a share of events: counted with them.
        var needed = (double)options.Events * (1 + options.DuplicateRate) * BytesPerEvent;
        if (needed > free)
            throw new ProjectException($"generating {options.Events:N0} events needs about {Gigabytes(needed)} in {folder} (some {BytesPerEvent} bytes an event), "
                + $"which has {Gigabytes(free)} free; generate fewer (--events)");
    }

    private static string Gigabytes(double bytes) => $"{bytes / 1e9:N1} GB";
}
