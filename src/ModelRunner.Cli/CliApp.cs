using System.Collections;
using System.CommandLine;
using ModelRunner.Cli.Commands;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.DuckDb;

namespace ModelRunner.Cli;

/// <summary>Exit codes, as documented: 0 success, 1 a node failed, 2 bad usage or a project error.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int NodeFailed = 1;
    public const int UsageOrProjectError = 2;
    /// <summary>The database stayed in use by another process for the whole busy timeout: try again later.</summary>
    public const int DatabaseBusy = 3;
}

/// <summary>The command line: thin commands over the services in ModelRunner.Core.</summary>
public static partial class CliApp
{
    /// <summary>The engines this build knows, registered explicitly.</summary>
    public static EngineRegistry Engines() => new(new IEngineFactory[] { new DuckDbEngineFactory(), new Databricks.DatabricksEngineFactory() });

    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    public static int Run(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment)
    {
        // Secrets (MODELRUNNER_SECRET_*) a profile or hook read never reach the console or a log pipeline.
        var secrets = SecretScrubber.From(environment);
        if (!secrets.IsEmpty)
        {
            using var scrubbedOutput = new ScrubbingWriter(output, secrets);
            using var scrubbedError = new ScrubbingWriter(error, secrets);
            return RunScrubbed(args, scrubbedOutput, scrubbedError, environment);
        }
        return RunScrubbed(args, output, error, environment);
    }

    private static int RunScrubbed(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment)
    {
        // Ctrl-C and SIGTERM stop the run: nothing more starts, running statements are stopped, the lock is released.
        using var interrupt = new Interrupt();
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT,
            signal => signal.Cancel = interrupt.Signal(130));
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            signal => signal.Cancel = interrupt.Signal(143));
        // Unit tests run on in-memory DuckDB whatever the target: the offline engine.
        var context = new CliContext(output, error, environment, Engines(), args, new DuckDbEngineFactory()) { Interrupt = interrupt };
        var root = new RootCommand("ModelRunner: Scriban-templated SQL models, compiled and run incrementally on DuckDB or Databricks.");
        foreach (var option in CommonOptions.Global) root.Options.Add(option);
        root.Subcommands.Add(CompileCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(SeedCommand.Create(context));
        root.Subcommands.Add(TestCommand.Create(context));
        root.Subcommands.Add(BuildCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(RunOperationCommand.Create(context));
        root.Subcommands.Add(SourceCommand.Create(context));
        root.Subcommands.Add(RetryCommand.Create(context));
        root.Subcommands.Add(DebugCommand.Create(context));
        root.Subcommands.Add(CleanCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        root.Subcommands.Add(WorkflowCommand.Create(context));
        root.Subcommands.Add(DocsCommand.Create(context));
        root.Subcommands.Add(EraseCommand.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {WithoutDotNetTypes(e.Message)}");
            error.WriteLine("Run 'modelrunner --help' for usage.");
            return ExitCodes.UsageOrProjectError;
        }
        var failures = new FailureReport(parse.GetValue(CommonOptions.LogFormat) == "json" ? output : null, error);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ProjectException e)
        {
            foreach (var d in e.Diagnostics) failures.Diagnostic(d);
            return failures.Finished(ExitCodes.UsageOrProjectError);
        }
        catch (EngineException e)
        {
            failures.Error($"error: {e.Message}");
            return failures.Finished(ExitCodes.NodeFailed);
        }
        catch (DatabaseBusyException e)
        {
            failures.Error($"error: {e.Message}");
            return failures.Finished(ExitCodes.DatabaseBusy);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The last resort: one clear line, never a stack trace; the details go to a log file under target/.
            var log = FailureReport.WriteCrashLog(parse.GetValue(CommonOptions.ProjectDir) ?? ".", e);
            failures.Error($"error: unexpected failure ({e.GetType().Name}): {e.Message}" + (log is null ? "" : $" — details in {log}"));
            return failures.Finished(ExitCodes.NodeFailed);
        }
    }

    /// <summary>
    /// System.CommandLine says a value did not parse "as expected type 'System.Int64'": a user reads what the option
    /// takes instead.
    /// </summary>
    internal static string WithoutDotNetTypes(string message) => DotNetType().Replace(message, m => m.Groups[1].Value switch
    {
        "System.Int32" or "System.Int64" => "as a whole number",
        "System.Double" or "System.Decimal" => "as a number",
        "System.Boolean" => "as true or false",
        "System.DateTime" or "System.DateTimeOffset" => "as a date and time",
        _ => "as the option's value",
    });

    [System.Text.RegularExpressions.GeneratedRegex(@"as expected type '([A-Za-z0-9.]+)'")]
    private static partial System.Text.RegularExpressions.Regex DotNetType();
}

/// <summary>What every command receives: where to write, the environment, the engines, the run's interruption.</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, IReadOnlyDictionary<string, string> Environment,
    EngineRegistry Engines, IReadOnlyList<string> Arguments, IEngineFactory Offline)
{
    public Interrupt Interrupt { get; init; } = new();
}

/// <summary>A signal that stopped the command: its token, and the exit code that reports it (130 SIGINT, 143 SIGTERM).</summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;
    public int ExitCode { get; private set; } = 130;

    private volatile bool _listening;

    /// <summary>A command that stops cleanly on the token (a run) says so; other commands end as the signal ends any process.</summary>
    public void Listen() => _listening = true;

    /// <summary>
    /// Whether the signal is handled here: only while a run listens, and only the first time (a second Ctrl-C ends the
    /// process at once, as users expect).
    /// </summary>
    public bool Signal(int exitCode)
    {
        if (!_listening || _source.IsCancellationRequested) return false;
        ExitCode = exitCode;
        _source.Cancel();
        return true;
    }

    public void Dispose() => _source.Dispose();
}
