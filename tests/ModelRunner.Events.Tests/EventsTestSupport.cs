using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

internal static class EventsTestSupport
{
    public static IReadOnlyList<LoadResult> LoadEvents(this TempProject project, params string[] paths) =>
        new EventsLoadService().Load(project.Open(), SnowplowCsvLoader.FormatName, paths, Path.Combine(project.Root, "rejects"), _ => { });

    public static string Conformance(string file)
    {
        var dir = SharedData.ConformanceDirectory;
        Skip.If(dir is null, SharedData.MissingReason);
        return Path.Combine(dir!, "source", file);
    }
}
