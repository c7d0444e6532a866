using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Scriban;
using Scriban.Runtime;
using ModelRunner.Core.Templating;

namespace ModelRunner.Benchmarks;

/// <summary>
/// The full compile's floor, in the same process as <see cref="Phases"/>: what any compile of these models must do
/// with Scriban and no more. Each model is read (its bytes, decoded), parsed once and rendered once (ref, source, config, this, var,
/// is_incremental and the project's macro as the plainest functions: no project model, no DAG, no validation),
/// compared with the SQL the compile wrote for it, and the rendered SQL written into a manifest-like JSON file. The
/// compile's own phases, beside it, show what the project model, the second parse and the artifacts cost beyond it.
/// </summary>
public static class ScribanFloor
{
    public static void Print(string project, int round)
    {
        var files = Directory.EnumerateFiles(Path.Combine(project, "models"), "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var compiled = Path.Combine(project, "target", "compiled", "models");
        var allocated = GC.GetTotalAllocatedBytes(); var paused = GC.GetTotalPauseDuration(); var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var globals = Globals();
        using var contexts = new ThreadLocal<TemplateContext>(() =>
        {
            var context = new TemplateContext(new ScriptObject()) { StrictVariables = true, LimitToString = 0 };
            context.PushGlobal(globals);
            return context;
        });
        var sql = new string[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            var template = Template.Parse(Encoding.UTF8.GetString(File.ReadAllBytes(files[i])), files[i]);
            if (template.HasErrors) throw new InvalidOperationException(string.Join("; ", template.Messages));
            var context = contexts.Value!;
            var output = new StringBuilderOutput();
            context.PushOutput(output);
            context.Evaluate(template.Page!);
            context.PopOutput();
            sql[i] = output.ToString();
            var written = Path.Combine(compiled, Path.GetRelativePath(Path.Combine(project, "models"), files[i]));
            // Unchanged, as the compile checks: the file's bytes against the SQL's.
            if (File.Exists(written) && File.ReadAllBytes(written).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(sql[i]))) sql[i] = written;
        });
        var renderedAt = clock.Elapsed;
        using (var stream = File.Create(Path.Combine(project, "target", "floor_manifest.json")))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("nodes");
            for (var i = 0; i < files.Length; i++)
            {
                json.WriteStartObject("model.bench." + Path.GetFileNameWithoutExtension(files[i]));
                json.WriteString("original_file_path", files[i]);
                json.WriteString("compiled_code", sql[i]);
                json.WriteEndObject();
                if (json.BytesPending > 65536) json.Flush();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        Console.WriteLine($"phases (round {round}): floor, Scriban alone (read, parse once, render, compare, manifest): {clock.Elapsed.TotalSeconds:0.000} s "
            + $"(render {renderedAt.TotalSeconds:0.000} s); allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576} MiB, "
            + $"{GC.CollectionCount(0) - collections} GCs, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.000} s");
    }

    /// <summary>The template functions as plain as they come (config's named arguments are not its positional ones).</summary>
    private static ScriptObject Globals()
    {
        var relation = (string name) => $"\"main\".\"{name}\"";
        return new ScriptObject
        {
            ["ref"] = new TemplateFunction("ref", 1, 2, (_, a) => relation(a[^1]!.ToString()!)),
            ["source"] = new TemplateFunction("source", 2, 2, (_, a) => relation($"{a[0]}_{a[1]}")),
            ["config"] = new TemplateFunction("config", 0, 0, (_, _) => null),
            ["var"] = new TemplateFunction("var", 1, 2, (_, a) => a[0]?.ToString() == "multiplier" ? 3 : null),
            ["scaled"] = new TemplateFunction("scaled", 1, 1, (_, a) => a[0] + " * 3"),
            ["is_incremental"] = false,
        };
    }
}
