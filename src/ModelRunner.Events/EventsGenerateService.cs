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
        using var target = EventsTarget.Open(workspace);
        if (onlyIfEmpty && target.Session.Query($"select 1 from {target.Store.TableSql} limit 1").Rows.Count > 0) return 0;
        return new EventGenerator(target.Session, target.Store, target.Catalog).Generate(options);
    }
}
