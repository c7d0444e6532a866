using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// Cancelling a run (what Ctrl-C and SIGTERM do): the statement running is interrupted, nothing more starts, every node
/// is recorded, those stopped or never started as cancelled, and the lock is released.
/// </summary>
public class ACancelledRunStopsAndSaysSo
{
    /// <summary>Cancels the run as soon as a node named <paramref name="trigger"/> starts.</summary>
    private sealed class CancelWhenStarted(string trigger, CancellationTokenSource source) : IRunReporter
    {
        public void Info(string message) { }
        public void Warning(string message) { }
        public void NodeStarted(int index, int total, RunItem item)
        {
            if (item.Name == trigger) Task.Delay(300).ContinueWith(_ => source.Cancel());
        }
        public void NodeFinished(int index, int total, NodeResult result) { }
        public void RunFinished(RunResults results) { }
    }

    [Fact]
    public void The_running_statement_is_interrupted_and_the_rest_is_recorded_cancelled()
    {
        using var project = new TempProject()
            // Minutes of work if nothing stopped it.
            .Write("models/slow.sql", "{{ config materialized: 'table' }}select count(*) as n from range(5000000000000)")
            .Write("models/after_slow.sql", "{{ config materialized: 'table' }}select n from {{ ref 'slow' }}")
            .Write("models/zz_other.sql", "{{ config materialized: 'table' }}select 1 as id");
        using var source = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new RunService(MaterializationRegistry.Default(), new DuckDbEngineFactory()).Run(project.Open(),
            new RunRequest([], [], false, 1, false, RunMode.Models, []) { Cancel = source.Token }, new CancelWhenStarted("slow", source));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the interrupted run took {clock.Elapsed}");
        Assert.True(results.Cancelled);
        Assert.Equal(NodeStatus.Cancelled, results.StatusOf("slow"));
        Assert.Contains("interrupted while it ran", results.Result("slow").Message);
        Assert.Equal(NodeStatus.Cancelled, results.StatusOf("zz_other"));
        Assert.Contains(results.StatusOf("after_slow"), new[] { NodeStatus.Cancelled, NodeStatus.Skipped });
        Assert.Contains("\"status\": \"cancelled\"", project.Read("target/run_results.json"));
        Assert.Empty(project.Query("select 1 from duckdb_tables() where table_name in ('slow', 'zz_other')"));
        using (RunLock.Acquire(Path.Combine(project.Root, "target"), "dev")) { } // released
    }
}
