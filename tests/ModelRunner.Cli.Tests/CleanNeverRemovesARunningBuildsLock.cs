using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`clean` under a running build would delete its lock and let a second run past it: it waits for no one and refuses.</summary>
public class CleanNeverRemovesARunningBuildsLock
{
    [Fact]
    public void Clean_refuses_while_a_run_holds_the_lock_and_cleans_once_it_is_released()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        Assert.Equal(0, project.Cli("run").ExitCode);
        var target = Path.Combine(project.Root, "target");
        using (Core.Running.RunLock.Acquire(target, "dev"))
        {
            var result = project.Cli("clean");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("another run on target 'dev' is in progress", result.All);
            Assert.True(File.Exists(Path.Combine(target, "dev.lock")), "the lock must stay");
            Assert.True(File.Exists(Path.Combine(target, "run_results.json")));
        }
        Assert.Equal(0, project.Cli("clean").ExitCode);
        Assert.False(Directory.Exists(target));
    }
}
