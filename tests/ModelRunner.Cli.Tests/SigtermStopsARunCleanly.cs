using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>SIGTERM (what cron, systemd and Databricks send to stop a job) ends a run cleanly: exit 143, nodes recorded cancelled, lock released.</summary>
public class SigtermStopsARunCleanly
{
    [Fact]
    public void The_run_exits_143_with_its_nodes_cancelled_and_the_lock_released()
    {
        using var project = new TempProject()
            .Write("models/slow.sql", "{{ config materialized: 'table' }}select count(*) as n from range(5000000000000)")
            .Write("models/other.sql", "{{ config materialized: 'table' }}select 1 as id");
        var cli = Path.Combine(AppContext.BaseDirectory, "modelrunner.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", cli, "run", "--threads", "1", "--project-dir", project.Root])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var run = System.Diagnostics.Process.Start(start)!;
        try
        {
            string? line;
            while ((line = run.StandardOutput.ReadLine()) is not null && !line.Contains(" START table main.slow ")) { }
            Assert.NotNull(line);
            Thread.Sleep(300);
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            var rest = run.StandardOutput.ReadToEnd();
            Assert.True(run.WaitForExit(60_000), "the run did not stop");
            Assert.Equal(143, run.ExitCode);
            Assert.Contains("CANCELLED table main.slow", rest);
            Assert.Contains("CANCELLED=", rest);
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
        Assert.Contains("\"status\": \"cancelled\"", project.Read("target/run_results.json"));
        using (Core.Running.RunLock.Acquire(Path.Combine(project.Root, "target"), "dev")) { }
    }
}
