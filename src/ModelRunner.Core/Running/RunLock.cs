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
        var path = Path.Combine(directory, $"{targetName}.lock");
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
