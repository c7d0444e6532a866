using System.Diagnostics;
using ModelRunner.Core.Running;

namespace ModelRunner.Benchmarks;

/// <summary>
/// How fast DuckDB itself writes rows of atomic.events on this machine, with no generating at all: a sample of the
/// generated rows is copied into an in-memory table, then from there into a new table of the same database file
/// (compressed, as any insert into it is), first on one thread and then on all. The generator cannot beat the second
/// figure; the first shows the work is CPU-bound and how well it spreads over the cores. Each copy's CPU time is
/// measured too: the least of them is the least CPU DuckDB spends writing a row.
/// </summary>
public static class WriteFloor
{
    /// <summary>The copy on all threads (its wall time) and the least CPU time of the copies, for <paramref name="Rows"/> rows.</summary>
    public sealed record Figures(long Rows, TimeSpan Wall, TimeSpan LeastCpu);

    public static Figures Print(Workspace workspace, long sampleRows)
    {
        using var engine = workspace.Connect();
        using var session = engine.OpenSession();
        var threads = Convert.ToInt64(session.Query("select current_setting('threads')").Rows[0][0]);
        session.Execute("attach ':memory:' as __mr_floor");
        session.Execute($"create table __mr_floor.main.sample as select * from atomic.events limit {sampleRows}");
        var rows = Convert.ToInt64(session.Query("select count(*) from __mr_floor.main.sample").Rows[0][0]);
        var wall = TimeSpan.Zero;
        var leastCpu = TimeSpan.MaxValue;
        foreach (var threadCount in new[] { 1L, threads })
        {
            session.Execute($"set threads = {threadCount}");
            session.Execute("drop table if exists atomic.__mr_floor_copy");
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            session.Execute("create table atomic.__mr_floor_copy as select * from __mr_floor.main.sample");
            session.Execute("checkpoint");
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            (wall, leastCpu) = (clock.Elapsed, cpu < leastCpu ? cpu : leastCpu);
            Console.WriteLine($"events write floor: DuckDB copies {rows} generated rows from memory into the database file in {clock.Elapsed.TotalSeconds:0.0} s "
                + $"on {threadCount} thread(s) = {rows / clock.Elapsed.TotalSeconds:0} rows/s; CPU {cpu.TotalSeconds:0.0} s");
        }
        session.Execute($"set threads = {threads}");
        session.Execute("drop table atomic.__mr_floor_copy");
        session.Execute("detach __mr_floor");
        session.Execute("checkpoint");
        return new Figures(rows, wall, leastCpu);
    }
}
