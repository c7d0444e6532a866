using System.Text.Json;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// The command line published as a native executable (PublishAot, as README's Deploying section says) runs a project:
/// the things the native build cannot do (reflection, emitted code, generic types made at run time) would fail here
/// at run time, where analysers alone do not reach (Dapper's and DuckDB.NET's own code).
/// </summary>
public sealed class TheNativeBuildRunsAProjectEndToEnd : IClassFixture<TheNativeBuildRunsAProjectEndToEnd.NativeExecutable>
{
    private readonly NativeExecutable _native;

    public TheNativeBuildRunsAProjectEndToEnd(NativeExecutable native) => _native = native;

    /// <summary>Published once for the class, into a temp folder; null when there is no C compiler to link it.</summary>
    public sealed class NativeExecutable : IDisposable
    {
        private readonly string _output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mr-native-" + Guid.NewGuid().ToString("N")[..12]);

        public NativeExecutable()
        {
            if (!OnPath("clang") && !OnPath("gcc")) { SkipReason = "native publishing links with clang or gcc; neither is on PATH"; return; }
            var project = System.IO.Path.Combine(SharedData.RepositoryRoot, "src", "ModelRunner.Cli", "ModelRunner.Cli.csproj");
            var (code, log) = Run("dotnet", SharedData.RepositoryRoot, "publish", project, "-c", "Release", "-r", "linux-x64",
                "-p:PublishAot=true", "-o", _output);
            if (code != 0) throw new InvalidOperationException("dotnet publish -p:PublishAot=true failed:\n" + log);
            Executable = System.IO.Path.Combine(_output, "modelrunner");
        }

        public string? Executable { get; }
        public string? SkipReason { get; }

        public void Dispose()
        {
            try { Directory.Delete(_output, recursive: true); } catch (IOException) { }
        }

        private static bool OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
                .Any(dir => File.Exists(System.IO.Path.Combine(dir, program)));
    }

    private static (int Code, string Output) Run(string program, string directory, params string[] args) => ChildProcess.Run(program, directory, args);

    private (int Code, string Output) Native(TempProject project, params string[] args)
    {
        Skip.If(_native.SkipReason is not null, _native.SkipReason);
        return Run(_native.Executable!, project.Root, args.Concat(new[] { "--project-dir", project.Root }).ToArray());
    }

    private static TempProject Project() => new TempProject()
        .Write("macros/labels.sql", "{{ func label()\n ret \"'\" + model.name + \"'\"\nend }}")
        .Write("models/orders.sql", "{{ config materialized: 'incremental' unique_key: 'id' }}"
            + "select range as id, [range, range * 2]::bigint[] as pair, {{ label }} as source from range(3)")
        .Write("models/order_totals.sql", "{{ config materialized: 'table' }}select count(*) as n from {{ ref 'orders' }}")
        .Write("models/order_view.sql", "select id, pair from {{ ref 'orders' }}")
        .Write("models/schema.yml", "models:\n  - name: orders\n    columns:\n      - name: id\n        tests: [unique, not_null]\n");

    [SkippableFact]
    public void It_builds_a_project_twice_and_tests_it()
    {
        using var project = Project();
        var first = Native(project, "build");
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("PASS=", first.Output);
        var second = Native(project, "build"); // the incremental path: relations exist now, introspected through Dapper
        Assert.True(second.Code == 0, second.Output);
        Assert.Equal(new[] { "3" }, project.Query("select n from main.order_totals"));
    }

    [SkippableFact]
    public void It_shows_nested_values_and_writes_json_lines_and_artifacts()
    {
        using var project = Project();
        Assert.Equal(0, Native(project, "run").Code);
        var shown = Native(project, "show", "--select", "order_view", "--output", "json");
        Assert.True(shown.Code == 0, shown.Output);
        var rows = JsonDocument.Parse(shown.Output.Trim()).RootElement;
        Assert.Equal("[0, 0]", rows[0].GetProperty("pair").GetString());

        var listed = Native(project, "ls", "--output", "json");
        Assert.Equal(0, listed.Code);
        var nodes = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(nodes, n => n.GetProperty("name").GetString() == "orders"
            && n.GetProperty("config").GetProperty("materialized").GetString() == "incremental");

        var logged = Native(project, "run", "--log-format", "json");
        Assert.Equal(0, logged.Code);
        var events = logged.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("run_finished", events[^1].GetProperty("event").GetString());
        Assert.Equal(3, events[^1].GetProperty("success").GetInt32());

        using var manifest = JsonDocument.Parse(project.Read("target/manifest.json"));
        Assert.True(manifest.RootElement.GetProperty("nodes").TryGetProperty("model.orders", out var orders));
        Assert.Contains("[range, range * 2]", orders.GetProperty("compiled_code").GetString());
    }

    [SkippableFact]
    public void Copied_without_duckdbs_native_library_it_says_what_is_missing_and_exits_2()
    {
        using var project = Project();
        Skip.If(_native.SkipReason is not null, _native.SkipReason);
        var alone = System.IO.Path.Combine(project.Root, "bin-alone");
        Directory.CreateDirectory(alone);
        var executable = System.IO.Path.Combine(alone, "modelrunner");
        File.Copy(_native.Executable!, executable);

        var (code, output) = Run(executable, project.Root, "run", "--project-dir", project.Root);
        Assert.Equal(2, code);
        Assert.Contains("libduckdb.so", output);
        Assert.Contains(alone, output);
        Assert.DoesNotContain("unexpected failure", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableFact]
    public void It_generates_and_loads_events()
    {
        using var project = new TempProject();
        var generated = Native(project, "events", "generate", "--events", "3000", "--days", "2", "--seed", "7");
        Assert.True(generated.Code == 0, generated.Output);
        // Duplicates and other edge cases come on top of the events asked for: the command says how many it wrote.
        var written = System.Text.RegularExpressions.Regex.Match(generated.Output, @"(\d+) event\(s\) generated").Groups[1].Value;
        Assert.True(int.Parse(written, System.Globalization.CultureInfo.InvariantCulture) >= 3000, generated.Output);
        var count = Native(project, "show", "--inline", "select count(*) as n, max(contexts_com_snowplowanalytics_snowplow_web_page_1) is not null as has_page from atomic.events", "--output", "csv");
        Assert.True(count.Code == 0, count.Output);
        Assert.Contains($"{written},true", count.Output);
    }
}
