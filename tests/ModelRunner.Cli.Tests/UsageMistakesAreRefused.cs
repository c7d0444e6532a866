using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>Command lines that used to be accepted without a word (or answered with a .NET type name): exit 2, saying what is wrong.</summary>
public class UsageMistakesAreRefused
{
    [Theory]
    [InlineData("run --threads 0", "--threads must be 1 or more (got 0)")]
    [InlineData("run --threads -3", "--threads must be 1 or more (got -3)")]
    [InlineData("run -s tag:", "the selector 'tag:' has no value")]
    [InlineData("ls -s config.materialized:", "has no value")]
    [InlineData("events generate --end-date 2025-13-45", "--end-date takes a day as YYYY-MM-DD, e.g. 2025-01-01 (got '2025-13-45')")]
    public void The_mistake_is_named_and_nothing_runs(string arguments, string expected)
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config tags: ['nightly'] }}select 1 as id");
        var result = project.Cli(arguments.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.All);
        Assert.DoesNotContain("System.", result.All);
        Assert.False(File.Exists(Path.Combine(project.Root, "db", "test.duckdb")), "nothing may run");
    }

    [Fact]
    public void Help_names_the_partial_parse_file_that_exists()
    {
        using var project = new TempProject();
        var result = project.Cli("compile", "--help");
        Assert.Contains("target/partial_parse.bin", result.All);
        Assert.DoesNotContain("partial_parse.json", result.All);
    }
}

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

/// <summary>A failing on-run-start hook: named in the error, nothing built, and run_results.json says so (not the last run's).</summary>
public class AFailingRunStartHookIsNamed
{
    [Fact]
    public void The_hook_is_named_nothing_builds_and_the_results_are_this_runs()
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config materialized: 'table' }}select 1 as id");
        Assert.Equal(0, project.Cli("run").ExitCode);
        project.Write("models.yml", "name: testproj\nprofile: test\non-run-start: [\"select 1\", \"select * from main.no_such_table\"]\n")
            .Write("models/a.sql", "{{ config materialized: 'table' }}select 2 as id");
        var result = project.Cli("run");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("models.yml on-run-start[1] failed", result.All);
        Assert.Contains("no_such_table", result.All);
        Assert.Equal(["1"], project.Query("select id from main.a"));
        var results = project.Read("target/run_results.json");
        Assert.Contains("on-run-start[1]", results);
        Assert.Contains("\"error\"", results);
        Assert.DoesNotContain("model.testproj.a", results);
    }
}

/// <summary>`show --output json` keeps each value's type, and a BLOB shows its bytes, not a .NET type name.</summary>
public class ShowJsonKeepsEachValuesType
{
    [Fact]
    public void Numbers_and_booleans_stay_numbers_and_booleans()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var result = project.Cli("show", "--inline", "select 1 as i, 2.5::double as d, 3.25::decimal(10,2) as m, true as b, 'x' as s, "
            + "null as n, '\\xAB\\x41'::blob as bl, date '2024-01-02' as dt", "--output", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[{\"i\":1,\"d\":2.5,\"m\":3.25,\"b\":true,\"s\":\"x\",\"n\":null,\"bl\":\"\\\\xABA\",\"dt\":\"2024-01-02\"}]", result.Output.Trim());
    }
}

/// <summary>The progress lines read as dbt's: a node's finish line has its start line's number, and hooks are not counted as nodes.</summary>
public class ProgressLinesNumberEachNodeOnce
{
    [Fact]
    public void Start_and_finish_lines_of_a_node_carry_one_number_and_hooks_are_counted_apart()
    {
        using var project = new TempProject(extraProjectYaml: "seed-paths: [seeds]\non-run-end: [\"select 1\"]\n")
            .Write("seeds/people.csv", "id\n1\n");
        for (var i = 0; i < 6; i++) project.Write($"models/m{i}.sql", $"{{{{ config materialized: 'table' }}}}select {i} as id, (select count(*) from range(200000)) as n");
        var result = project.Cli("build", "--threads", "4");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        foreach (var what in new[] { "table main.m0", "table main.m5", "seed main.people" })
        {
            var start = lines.Single(l => l.Contains($" START {what} "));
            var finish = lines.Single(l => l.Contains($" OK {what} "));
            Assert.Equal(Number(start), Number(finish));
        }
        Assert.DoesNotContain(lines, l => l.Contains("seed seed"));
        Assert.Contains(lines, l => l.Contains("Finished running 7 node(s) and 1 hook(s)"));
        Assert.Contains(lines, l => l.Contains("TOTAL=7"));
    }

    private static string Number(string line) => System.Text.RegularExpressions.Regex.Match(line, @"\s(\d+) of \d+ ").Groups[1].Value;
}

/// <summary>`show` stays readable at 80 and 100 columns: a record too wide for the terminal prints one column a line, cells cut with an ellipsis.</summary>
public class ShowFitsTheTerminal
{
    private static string Show(TempProject project, int columns, string sql)
    {
        var output = new StringWriter();
        var code = CliApp.Run(["show", "--inline", sql, "--project-dir", project.Root], output, new StringWriter(),
            new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(0, code);
        return output.ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public void A_wide_record_prints_one_column_a_line_within_the_width(int columns)
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var wide = string.Join(", ", Enumerable.Range(0, 30).Select(i => $"'value number {i}' as some_long_column_name_{i}"));
        var text = Show(project, columns, $"select {wide}, repeat('x', 500) as long_text");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        Assert.Contains(lines, l => l.StartsWith("some_long_column_name_29", StringComparison.Ordinal) && l.EndsWith("| value number 29", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("long_text", StringComparison.Ordinal) && l.EndsWith("…", StringComparison.Ordinal));
    }

    [Fact]
    public void A_narrow_result_stays_a_table()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var text = Show(project, 80, "select 1 as a, 'hello' as b");
        Assert.Contains("│ 1 │ hello │", text);
    }
}

/// <summary>MODELRUNNER_SECRET_* variables (dbt's DBT_ENV_SECRET_): read in hooks and profiles only, masked in every output and artifact.</summary>
public class SecretsStayOutOfEveryOutput
{
    private const string Secret = "hunter2-very-secret";

    private static (int Code, string All) Run(TempProject project, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args.Concat(["--project-dir", project.Root]).ToArray(), output, error,
            new Dictionary<string, string> { ["MODELRUNNER_SECRET_PW"] = Secret });
        return (code, output + error.ToString());
    }

    [Fact]
    public void A_model_may_not_read_a_secret()
    {
        using var project = new TempProject().Write("models/a.sql", "select '{{ env_var \"MODELRUNNER_SECRET_PW\" }}' as pw");
        var (code, all) = Run(project, "compile", "--offline");
        Assert.Equal(2, code);
        Assert.Contains("'MODELRUNNER_SECRET_PW' is a secret", all);
        Assert.Contains("models/a.sql:1:", all);
    }

    [Fact]
    public void A_hook_reads_it_and_no_output_or_artifact_shows_it()
    {
        using var project = new TempProject(extraProjectYaml:
                "on-run-start: [\"create or replace table main.creds as select '{{ env_var 'MODELRUNNER_SECRET_PW' }}' as pw\"]\n"
                + "on-run-end: [\"select * from main.no_such_table where pw = '{{ env_var 'MODELRUNNER_SECRET_PW' }}'\"]\n")
            .Write("models/a.sql", "select 1 as id");
        var (code, all) = Run(project, "run", "--vars", $"{{note: {Secret}}}");
        Assert.Equal(1, code); // the on-run-end hook fails
        Assert.Equal([Secret], project.Query("select pw from main.creds")); // the hook had the real value
        Assert.DoesNotContain(Secret, all);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(project.Root, "target"), "*", SearchOption.AllDirectories))
            if (!file.EndsWith(".lock", StringComparison.Ordinal) && !file.EndsWith(".bin", StringComparison.Ordinal))
                Assert.DoesNotContain(Secret, File.ReadAllText(file));
        Assert.Contains(SecretScrubberMask, project.Read("target/run_results.json"));
    }

    private const string SecretScrubberMask = "*****";
}

/// <summary>
/// A database another process holds is not a project error: the run waits up to the target's busy_timeout, then exits
/// with code 3, naming the holder. The holder here is a second process running a slow model on another target of the
/// same file (two targets, so the run lock, which is per target, does not stop the second run first).
/// </summary>
public class ABusyDatabaseIsWaitedForThenNamed
{
    [Fact]
    public void The_second_process_waits_then_exits_3_naming_the_holder()
    {
        using var project = new TempProject()
            .Write("profiles/profiles.yml", """
                test:
                  target: dev
                  outputs:
                    dev: {type: duckdb, path: db/shared.duckdb, schema: main, threads: 1, busy_timeout: 1}
                    holder: {type: duckdb, path: db/shared.duckdb, schema: main, threads: 1}
                """)
            .Write("models/slow.sql", "{{ config materialized: 'table' }}select count(*) as n from range(200000000000)")
            .Write("models/fast.sql", "select 1 as id");
        var cli = Path.Combine(AppContext.BaseDirectory, "modelrunner.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", cli, "run", "--target", "holder", "-s", "slow", "--project-dir", project.Root])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var holder = System.Diagnostics.Process.Start(start)!;
        try
        {
            // The holder has the file open once it starts building.
            string? line;
            while ((line = holder.StandardOutput.ReadLine()) is not null && !line.Contains(" START ")) { }
            Assert.NotNull(line);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = project.Cli("run", "-s", "fast");
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("is in use by", result.All);
            Assert.Contains($"PID {holder.Id}", result.All);
            Assert.Contains("busy_timeout of target 'dev'", result.All);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "it waits for the busy timeout first");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }
}

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
