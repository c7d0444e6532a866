using System.Diagnostics;
using ModelRunner.Core.Running;
using ModelRunner.Events;

namespace ModelRunner.Benchmarks;

/// <summary>
/// The generator's own floor: it computes its rows and writes them, so it spends at least the CPU of computing them
/// (the same generation evaluated, every column, nothing written) and the least CPU DuckDB spends writing as many rows
/// (<see cref="WriteFloor"/>), over the machine's cores. Against the write floor on all of them, it is the ratio no
/// generator of these rows reaches on this machine.
/// </summary>
public static class GeneratorFloor
{
    public static void Print(Workspace workspace, GeneratorOptions options, long rows, TimeSpan generated, WriteFloor.Figures written)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        new EventsGenerateService().Evaluate(workspace, options);
        clock.Stop();
        var computing = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var share = (double)rows / written.Rows;
        var writing = written.LeastCpu * share;
        var floor = (computing + writing) / Environment.ProcessorCount;
        var writeFloor = written.Wall * share;
        Console.WriteLine($"events generate's floor: computing the {rows} rows {computing.TotalSeconds:0.0} CPU-s ({clock.Elapsed.TotalSeconds:0.0} s, "
            + $"every column evaluated, nothing written) + writing them at least {writing.TotalSeconds:0.0} CPU-s (the write floor's least CPU per row) "
            + $"over {Environment.ProcessorCount} cores = {floor.TotalSeconds:0.0} s = {floor / writeFloor:0.00} of the write floor on all threads "
            + $"({writeFloor.TotalSeconds:0.0} s for as many rows; the generator: {generated / writeFloor:0.00})");
    }
}
