using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Events;

/// <summary>`modelrunner events load`: files into atomic.events of the workspace's target.</summary>
public sealed class EventsLoadService
{
    public static readonly IReadOnlyList<string> Formats = new[] { EnrichedTsvLoader.FormatName, SnowplowCsvLoader.FormatName };

    public IReadOnlyList<LoadResult> Load(Workspace workspace, string format, IReadOnlyList<string> paths, string? rejectDirectory,
        Action<LoadResult> progress)
    {
        if (!Formats.Contains(format))
            throw new ProjectException($"unknown format '{format}'; known: {string.Join(", ", Formats)}.{Suggestions.DidYouMean(format, Formats)}");
        // Every file is checked before the database is opened: a typo in the last path must not leave the first ones loaded.
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new ProjectException(missing.Select(p => new Diagnostic(Directory.Exists(p) ? "is a folder; give the files to load" : "no such file", p)).ToList());
        using var target = EventsTarget.Open(workspace);
        var (session, store, catalog) = (target.Session, target.Store, target.Catalog);
        var rejects = rejectDirectory ?? Path.Combine(workspace.Artifacts.TargetDirectory, "rejects");
        // The formats, registered explicitly.
        EventFileLoader loader = format == EnrichedTsvLoader.FormatName
            ? new EnrichedTsvLoader(session, store, catalog, rejects)
            : new SnowplowCsvLoader(session, store, catalog, rejects);
        var results = new List<LoadResult>();
        foreach (var path in paths)
        {
            var result = loader.Load(path);
            progress(result);
            results.Add(result);
        }
        return results;
    }
}
