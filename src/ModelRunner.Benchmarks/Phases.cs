using System.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

namespace ModelRunner.Benchmarks;

/// <summary>In-process split of compile time by phase, to see where the time goes.</summary>
public static class Phases
{
    public static void Print(string project)
    {
        var engines = new EngineRegistry(new IEngineFactory[] { new DuckDbEngineFactory() });
        for (var round = 0; round < 2; round++)
        {
            var c0 = Stopwatch.StartNew();
            var files = Core.Project.ProjectLoader.FilesUnder(project, new[] { "models" }, "*.sql").ToList();
            var enumerate = c0.Elapsed; c0.Restart();
            var texts = files.Select(f => File.ReadAllText(f.FullPath)).ToList();
            var read = c0.Elapsed; c0.Restart();
            var parsed = new Core.Templating.ParsedTemplate[texts.Count];
            Parallel.For(0, texts.Count, i => parsed[i] = Core.Templating.ParsedTemplate.Parse(texts[i], files[i].DisplayPath));
            var parse = c0.Elapsed; c0.Restart();
            var pf = Core.Project.ProjectFileReader.Read(project);
            c0.Restart();
            var loaded = Core.Project.ProjectLoader.Load(new Core.Project.LoadRequest(project, pf,
                new TargetSettings("bench", "dev", "duckdb", "main", null, 1, System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty, "x"),
                DuckDbEngineFactory.DuckDbCapabilities, System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty, new Dictionary<string, string>(), DateTimeOffset.UtcNow));
            var load = c0.Elapsed; c0.Restart();
            Core.Graph.Dag.Build(loaded.Project);
            var dag = c0.Elapsed;
            Console.WriteLine($"  loader {load.TotalSeconds:0.000} s, dag {dag.TotalSeconds:0.000} s");
            Console.WriteLine($"  enumerate {enumerate.TotalSeconds:0.000} s, read {read.TotalSeconds:0.000} s, parse {parse.TotalSeconds:0.000} s");
            var clock = Stopwatch.StartNew();
            var workspace = Workspace.Open(new WorkspaceOptions(project, null, null, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow), engines);
            var open = clock.Elapsed; clock.Restart();
            var nodes = workspace.Select(Array.Empty<string>(), Array.Empty<string>());
            var compiled = workspace.CreateCompiler(RelationCatalog.Offline(), false).CompileAll(nodes);
            var compile = clock.Elapsed; clock.Restart();
            workspace.Artifacts.WriteCompiled(compiled);
            var write = clock.Elapsed; clock.Restart();
            workspace.Artifacts.WriteManifest(workspace.Project, workspace.Dag, compiled.ToDictionary(c => c.Node.Name), workspace.Namer, workspace.Target, DateTimeOffset.UtcNow);
            var manifest = clock.Elapsed;
            Console.WriteLine($"phases (round {round}): load+dag {open.TotalSeconds:0.000} s, render {compile.TotalSeconds:0.000} s, write compiled {write.TotalSeconds:0.000} s, manifest {manifest.TotalSeconds:0.000} s");
        }
    }
}
