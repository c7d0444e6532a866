namespace ModelRunner.TestSupport;

/// <summary>
/// The team's shared material (../shared beside the repository): conformance data that tests read in place
/// and never copy. Tests that need it skip, saying why, when it is absent.
/// </summary>
public static class SharedData
{
    public static string? ConformanceDirectory => Package("snowplow-web-0.15.2");

    public static string? MobileConformanceDirectory => Package("snowplow-mobile-0.7.4");

    public static string? MediaPlayerConformanceDirectory => Package("snowplow-media-player-0.5.3");

    private static string? Package(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ModelRunner.sln"))) continue;
            var path = Path.Combine(dir.FullName, "..", "shared", "conformance", folder);
            return Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }
        return null;
    }

    /// <summary>The repository this test build comes from (where ModelRunner.sln is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ModelRunner.sln"))) return dir.FullName;
            throw new InvalidOperationException("ModelRunner.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public const string MissingReason = "../shared/conformance/snowplow-web-0.15.2 is not beside the repository";

    public const string MobileMissingReason = "../shared/conformance/snowplow-mobile-0.7.4 is not beside the repository";

    public const string MediaPlayerMissingReason = "../shared/conformance/snowplow-media-player-0.5.3 is not beside the repository";
}
