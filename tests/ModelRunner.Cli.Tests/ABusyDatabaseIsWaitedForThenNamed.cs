using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// A database another process holds is not a project error: the run waits up to the target's busy_timeout, then exits
/// with code 3, naming the holder. The holder here is a second process running a slow model on another target of the
/// same file (two targets, so the run lock, which is per target, does not stop the second run first).
/// </summary>
public class ABusyDatabaseIsWaitedForThenNamed
{
    [Fact]
    public void The_second_process_waits_then_exits_3_naming_the_holder()
    {
        using var project = new TempProject()
            .Write("profiles/profiles.yml", """
                test:
                  target: dev
                  outputs:
                    dev: {type: duckdb, path: db/shared.duckdb, schema: main, threads: 1, busy_timeout: 1}
                    holder: {type: duckdb, path: db/shared.duckdb, schema: main, threads: 1}
                """)
            .Write("models/slow.sql", "{{ config materialized: 'table' }}select count(*) as n from range(200000000000)")
            .Write("models/fast.sql", "select 1 as id");
        var cli = Path.Combine(AppContext.BaseDirectory, "modelrunner.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", cli, "run", "--target", "holder", "-s", "slow", "--project-dir", project.Root])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var holder = System.Diagnostics.Process.Start(start)!;
        try
        {
            // The holder has the file open once it starts building.
            string? line;
            while ((line = holder.StandardOutput.ReadLine()) is not null && !line.Contains(" START ")) { }
            Assert.NotNull(line);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = project.Cli("run", "-s", "fast");
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("is in use by", result.All);
            Assert.Contains($"PID {holder.Id}", result.All);
            Assert.Contains("busy_timeout of target 'dev'", result.All);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "it waits for the busy timeout first");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }
}
