using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

public class RunsOnOneTargetNeverOverlap
{
    [Fact]
    public void A_second_run_while_one_holds_the_lock_is_refused_and_the_lock_goes_with_the_first()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var target = Path.Combine(project.Root, "target");
        using (RunLock.Acquire(target, "dev"))
        {
            var error = Assert.Throws<ProjectException>(() => project.Run());
            Assert.Contains("another run on target 'dev' is in progress", error.Message);
            Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        }
        Assert.False(project.Run().Failed);
    }

    [Fact]
    public void Different_targets_lock_separately()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        using var other = RunLock.Acquire(Path.Combine(project.Root, "target"), "prod");
        Assert.False(project.Run().Failed);
    }
}
