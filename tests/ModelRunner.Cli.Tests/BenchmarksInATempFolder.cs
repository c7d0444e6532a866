using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// The benchmarks built beside the tests (src/ModelRunner.Benchmarks), run as a child process in a temp folder of
/// their own (they write their work under .bench/ there), removed afterwards.
/// </summary>
public sealed class BenchmarksInATempFolder : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mr-bench-" + Guid.NewGuid().ToString("N")[..12]);

    public BenchmarksInATempFolder() => Directory.CreateDirectory(Folder);

    public (int Code, string Output) Run(params string[] args) =>
        ChildProcess.Run("dotnet", Folder, [Path.Combine(AppContext.BaseDirectory, "ModelRunner.Benchmarks.dll"), .. args]);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
