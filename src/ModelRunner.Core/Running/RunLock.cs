using System.Globalization;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Running;

/// <summary>
/// Keeps two runs of one project on one target from overlapping (two cron runs, a cron run and a person): an
/// exclusive lock on target/&lt;target&gt;.lock, held while the run builds. The operating system releases it when
/// the process ends, even if it is killed, so a crash never leaves a stale lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file) => _file = file;

    public static RunLock Acquire(string directory, string targetName)
    {
        Directory.CreateDirectory(directory);
        return AcquirePath(Path.Combine(directory, $"{targetName}.lock"), targetName);
    }

    /// <summary>
    /// Every run lock of the target path, for `clean`: deleting the folder under a running build would delete its lock
    /// and let a second run past it. Throws, naming the holder, when a run holds one.
    /// </summary>
    public static IReadOnlyList<RunLock> AcquireAll(string directory)
    {
        var locks = new List<RunLock>();
        try
        {
            if (Directory.Exists(directory))
                foreach (var path in Directory.EnumerateFiles(directory, "*.lock"))
                    locks.Add(AcquirePath(path, Path.GetFileNameWithoutExtension(path)));
            return locks;
        }
        catch
        {
            foreach (var held in locks) held.Dispose();
            throw;
        }
    }

    private static RunLock AcquirePath(string path, string targetName)
    {
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Who holds it, beside the lock (the locked file itself cannot be read by the others).
            File.WriteAllText(path + ".owner", $"pid {Environment.ProcessId}, started {DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture)}");
            return new RunLock(file);
        }
        catch (IOException)
        {
            var holder = "";
            try { holder = " (" + File.ReadAllText(path + ".owner") + ")"; } catch (IOException) { /* the owner note is informative only */ }
            throw new ProjectException($"another run on target '{targetName}' is in progress{holder}; runs on one target never overlap. "
                + $"The lock is {path}; it is released when that run ends.");
        }
    }

    public void Dispose() => _file.Dispose();
}
