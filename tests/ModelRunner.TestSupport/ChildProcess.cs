using System.Diagnostics;

namespace ModelRunner.TestSupport;

/// <summary>Runs a program to its end and returns its exit code with everything it wrote (standard output, then error).</summary>
public static class ChildProcess
{
    public static (int Code, string Output) Run(string program, string? workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        // Both streams read at once: a child filling one pipe while we wait on the other would never end.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
