using System.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

namespace ModelRunner.Benchmarks;

/// <summary>In-process split of compile time by phase, to see where the time goes.</summary>
public static class Phases
{
    public static void Print(string project, bool partialParse, bool allocations = false)
    {
        var engines = new EngineRegistry(new IEngineFactory[] { new DuckDbEngineFactory() });
        // Sampled in the last round only, once every code path has run once.
        using var sampler = allocations ? new AllocationSampler() : null;
        for (var round = 0; round < 3; round++)
        {
            if (sampler is not null) sampler.On = round == 2;
            var allocated = GC.GetTotalAllocatedBytes(); var paused = GC.GetTotalPauseDuration(); var collections = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var workspace = Workspace.Open(new WorkspaceOptions(project, null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, partialParse), engines);
            var open = clock.Elapsed; var allocOpen = GC.GetTotalAllocatedBytes() - allocated;
            sampler?.PrintAndReset("loading");
            clock.Restart();
            var nodes = workspace.Select(Array.Empty<string>(), Array.Empty<string>());
            var compiled = workspace.CreateCompiler(RelationCatalog.Offline(), false).CompileAll(nodes);
            var compile = clock.Elapsed; var allocCompile = GC.GetTotalAllocatedBytes() - allocated - allocOpen;
            sampler?.PrintAndReset("rendering");
            clock.Restart();
            workspace.Artifacts.WriteCompiled(compiled);
            var write = clock.Elapsed; clock.Restart();
            workspace.Artifacts.WriteManifest(workspace.Project, workspace.Dag, compiled.ToDictionary(c => c.Node.Name), workspace.Namer, workspace.Target, DateTimeOffset.UtcNow, workspace.Templates);
            var manifest = clock.Elapsed; clock.Restart();
            workspace.ParseCache?.Save();
            var save = clock.Elapsed;
            Console.WriteLine($"phases (round {round}): load+dag {open.TotalSeconds:0.000} s, render {compile.TotalSeconds:0.000} s, write compiled {write.TotalSeconds:0.000} s, manifest {manifest.TotalSeconds:0.000} s, cache save {save.TotalSeconds:0.000} s, cache hits {workspace.ParseCache?.Hits ?? 0}; "
                + $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576} MiB (load {allocOpen / 1048576}, render {allocCompile / 1048576}), {GC.CollectionCount(0) - collections} GCs, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.000} s");
        }
        // Every model parsed: beside it, what Scriban alone costs on the same models (see ScribanFloor).
        if (!partialParse)
            for (var round = 0; round < 3; round++) ScribanFloor.Print(project, round);
    }
}
