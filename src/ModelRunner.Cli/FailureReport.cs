using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Cli;

/// <summary>
/// How a command that ended in an error says so: as text on standard error, or with --log-format json as JSON events on
/// the same stream as the run's (an `error` event per problem, then `run_finished` with the exit code), so a log
/// pipeline sees every failure and every run's end.
/// </summary>
internal sealed class FailureReport(TextWriter? json, TextWriter text)
{
    public void Diagnostic(Diagnostic d)
    {
        if (json is null) { text.WriteLine(d.ToString()); return; }
        Emit("error", new() { ["file"] = d.File, ["line"] = d.Line, ["column"] = d.Column, ["node"] = d.Node, ["message"] = d.Message });
    }

    public void Error(string message)
    {
        if (json is null) { text.WriteLine(message); return; }
        Emit("error", new() { ["message"] = message });
    }

    /// <summary>Ends the report (with JSON logs, a run_finished event) and returns the exit code.</summary>
    public int Finished(int exitCode)
    {
        if (json is not null) Emit("run_finished", new() { ["status"] = "error", ["exit_code"] = exitCode });
        return exitCode;
    }

    private void Emit(string name, Dictionary<string, object?> fields) => json!.WriteLine(Reporting.JsonReporter.Line("error", name, fields));

    /// <summary>Writes an unexpected exception's details to target/crash-*.log of the project (or the temp folder); its path, or null.</summary>
    public static string? WriteCrashLog(string projectDirectory, Exception e)
    {
        foreach (var folder in new[] { Path.Combine(projectDirectory, "target"), Path.GetTempPath() })
        {
            try
            {
                Directory.CreateDirectory(folder);
                var path = Path.GetFullPath(Path.Combine(folder, $"crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));
                File.WriteAllText(path, e.ToString());
                return path;
            }
            catch (Exception io) when (io is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }
}
