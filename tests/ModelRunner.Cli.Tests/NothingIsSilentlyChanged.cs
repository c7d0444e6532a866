using System.Text;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// Inputs that used to change data without a word: each now either works correctly or is refused before anything
/// runs, with exit code 2 and the file it concerns.
/// </summary>
public class NothingIsSilentlyChanged
{
    [Fact]
    public void A_model_rendering_to_ten_megabytes_keeps_its_end()
    {
        // A filter after a long comment block: cut at Scriban's old 1 MiB limit, the filter was lost and all 10 rows built.
        var comment = string.Concat(Enumerable.Repeat("-- " + new string('x', 97) + "\n", 100_000));
        using var project = new TempProject()
            .Write("models/numbers.sql", "{{ config materialized: 'table' }}select range as id from range(10)")
            .Write("models/big.sql", "{{ config materialized: 'table' }}select * from {{ ref 'numbers' }}\n" + comment + "where id < 5\n");
        var result = project.Cli("run");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["5"], project.Query("select count(*) from main.big"));
        Assert.True(new FileInfo(Path.Combine(project.Root, "target", "compiled", "models", "big.sql")).Length > 10_000_000);
    }

    /// <summary>Configs that used to be ignored or to fail only at run time: refused by compile too, before anything runs.</summary>
    [Theory]
    [InlineData("{{ config materialised: 'table' }}select 1 as id", "models/a.sql:1:", "unknown config key 'materialised'", "Did you mean 'materialized'?")]
    [InlineData("{{ config materialized: 'table' owner: 'sales' }}select 1 as id", "unknown config key 'owner'", "Custom keys go under meta:")]
    [InlineData("{{ config materialized: 'table' contract: {enforced: true} }}select 1 as id", "contract is not supported")]
    [InlineData("{{ config materialized: 'tabel' }}select 1 as id", "unknown materialization 'tabel'", "Did you mean 'table'?")]
    [InlineData("{{ config materialized: 'incremental' incremental_strategy: 'upsert' unique_key: 'id' }}select 1 as id", "unknown incremental_strategy 'upsert'")]
    [InlineData("{{ config materialized: 'incremental' incremental_strategy: 'merge' }}select 1 as id", "incremental_strategy merge needs unique_key")]
    [InlineData("{{ config materialized: 'incremental' incremental_strategy: 'delete+insert' }}select 1 as id", "incremental_strategy delete+insert needs unique_key")]
    [InlineData("{{ config materialized: 'incremental' incremental_strategy: 'insert_overwrite' }}select 1 as id", "insert_overwrite needs partition_by")]
    [InlineData("{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'append' }}select 1 as id", "unknown on_schema_change 'append'")]
    public void A_config_no_materialization_can_honour_is_refused_at_load(string model, params string[] expected)
    {
        foreach (var command in new[] { new[] { "compile", "--offline" }, ["run"] })
        {
            using var project = new TempProject().Write("models/ok.sql", "select 1 as id").Write("models/a.sql", model);
            var result = project.Cli(command);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: exit {result.ExitCode}\n{result.All}");
            foreach (var text in expected) Assert.Contains(text, result.All);
            Assert.Contains("[a]", result.All);
            Assert.False(File.Exists(Path.Combine(project.Root, "db", "test.duckdb")), "nothing may run");
        }
    }

    [Fact]
    public void A_misspelled_key_in_a_property_file_names_the_property_file()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id")
            .Write("models/a.yml", "models:\n  - name: a\n    config:\n      materialised: table\n");
        var result = project.Cli("compile", "--offline");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("models/a.yml:2:", result.All);
        Assert.Contains("unknown config key 'materialised'", result.All);
    }

    [Fact]
    public void Custom_keys_under_meta_are_accepted_and_readable()
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config materialized: 'table' meta: {owner: 'sales'} }}select '{{ model.config.meta.owner }}' as owner");
        Assert.Equal(0, project.Cli("run").ExitCode);
        Assert.Equal(["sales"], project.Query("select owner from main.a"));
    }

    /// <summary>Seeds that a guessing CSV reader loaded wrongly (a quote as data, shifted columns): refused at their line.</summary>
    [Theory]
    [InlineData("id,name\n1,\"ok\"\n2,\"broken\n3,fine\n", "seeds/people.csv:3:", "a quote opened here is never closed")]
    [InlineData("id,name\n1,ann\n2,bob,extra\n", "seeds/people.csv:3:", "3 field(s) where the header has 2")]
    [InlineData("id,name\n1,ann\n2\n", "seeds/people.csv:3:", "1 field(s) where the header has 2")]
    [InlineData("id,name\n1,\"ann\"x\n", "seeds/people.csv:2:", "text after a closing quote")]
    public void A_malformed_seed_is_refused_at_its_line_before_anything_loads(string csv, params string[] expected)
    {
        using var project = new TempProject(extraProjectYaml: "seed-paths: [seeds]\n").Write("seeds/people.csv", csv).Write("models/a.sql", "select 1 as id");
        var result = project.Cli("seed");
        Assert.Equal(2, result.ExitCode);
        foreach (var text in expected) Assert.Contains(text, result.All);
        Assert.False(File.Exists(Path.Combine(project.Root, "db", "test.duckdb")), "nothing may load");
    }

    [Fact]
    public void A_well_formed_seed_with_quoted_commas_escaped_quotes_and_line_breaks_loads_as_written()
    {
        using var project = new TempProject(extraProjectYaml: "seed-paths: [seeds]\n")
            .Write("seeds/people.csv", "id,name\n1,\"Smith, Ann\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n\n");
        Assert.Equal(0, project.Cli("seed").ExitCode);
        Assert.Equal(["1|Smith, Ann", "2|say \"hi\"", "3|two\nlines"], project.Query("select id, name from main.people order by id"));
    }

    /// <summary>Inputs that used to crash with a stack trace: a project error at their file and line, exit 2.</summary>
    [Theory]
    [InlineData("models/a.yml", "models:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [not_null, unique\n      - name: other\n", "models/a.yml:5:21:", "is not closed")]
    [InlineData("models.yml", "name: testproj\nprofile: test\nvars: {a: 1\nmodels: {}\n", "models.yml:3:7:", "is not closed")]
    public void An_unclosed_flow_sequence_is_a_yaml_error_at_its_line(string file, string yaml, string where, string message)
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id").Write(file, yaml);
        var result = project.Cli("compile", "--offline");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(where, result.All);
        Assert.Contains(message, result.All);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Theory]
    [InlineData("models/b.sql")]
    [InlineData("models/b.yml")]
    public void A_dangling_link_is_an_error_naming_the_file(string file)
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        File.CreateSymbolicLink(Path.Combine(project.Root, file), Path.Combine(project.Root, "nowhere", "gone"));
        var result = project.Cli("compile", "--offline");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}: error: cannot read", result.All);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public void With_json_logs_a_project_error_is_a_json_event_and_the_run_still_finishes()
    {
        using var project = new TempProject().Write("models/a.sql", "select {{ var 'missing' }} as id");
        var result = project.Cli("run", "--log-format", "json");
        Assert.Equal(2, result.ExitCode);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var error = events.Single(e => e.GetProperty("event").GetString() == "error");
        Assert.Equal("models/a.sql", error.GetProperty("file").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal("a", error.GetProperty("node").GetString());
        Assert.Contains("variable 'missing'", error.GetProperty("message").GetString());
        var finished = events.Last();
        Assert.Equal("run_finished", finished.GetProperty("event").GetString());
        Assert.Equal(2, finished.GetProperty("exit_code").GetInt32());
        Assert.Equal("", result.Error);
    }

    /// <summary>As dbt's parse: every model's template is rendered when the project loads, whatever the selection.</summary>
    [Theory]
    [InlineData("select {{ no_such_macro 'x' }} as id", "models/other.sql:1:", "no_such_macro")]
    [InlineData("select {{ var 'missing_var' }} as id", "models/other.sql:1:", "variable 'missing_var' is not defined")]
    public void A_broken_model_outside_the_selection_is_refused_too(string other, string where, string message)
    {
        foreach (var command in new[] { new[] { "run", "-s", "ok" }, ["compile", "--offline", "-s", "ok"] })
        {
            using var project = new TempProject().Write("models/ok.sql", "select 1 as id").Write("models/other.sql", other);
            var result = project.Cli(command);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: exit {result.ExitCode}\n{result.All}");
            Assert.Contains(where, result.All);
            Assert.Contains(message, result.All);
            Assert.Contains("[other]", result.All);
            Assert.False(File.Exists(Path.Combine(project.Root, "db", "test.duckdb")), "nothing may run");
        }
    }

    [Fact]
    public void A_model_saved_as_latin1_is_refused_naming_its_file_and_line()
    {
        using var project = new TempProject().Write("models/ok.sql", "select 1 as id");
        File.WriteAllBytes(Path.Combine(project.Root, "models", "cafe.sql"), Encoding.Latin1.GetBytes("-- names\nselect 'café' as name\n"));
        var result = project.Cli("run");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("models/cafe.sql:2:", result.All);
        Assert.Contains("not valid UTF-8 (byte 0xE9)", result.All);
        Assert.False(File.Exists(Path.Combine(project.Root, "target", "run_results.json")), "nothing may run");
    }

    [Fact]
    public void A_macro_file_saved_as_latin1_is_refused_too()
    {
        using var project = new TempProject().Write("models/ok.sql", "select 1 as id");
        Directory.CreateDirectory(Path.Combine(project.Root, "macros"));
        File.WriteAllBytes(Path.Combine(project.Root, "macros", "m.sql"), Encoding.Latin1.GetBytes("{{ func greet()\n ret \"'olá'\"\nend }}"));
        var result = project.Cli("compile", "--offline");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("macros/m.sql:2:", result.All);
    }

    [Fact]
    public void A_database_path_whose_folder_is_missing_outside_the_project_is_refused_and_not_created()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mr-typo-" + Guid.NewGuid().ToString("N")[..8], "sub");
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var result = project.Cli("run", "--vars", "{}", "--target", "dev");
        Assert.Equal(0, result.ExitCode); // inside the project, the default data folder is made
        project.Write("profiles/profiles.yml", $"test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {missing}/db.duckdb\n");
        result = project.Cli("run");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.All);
        Assert.Contains("does not exist", result.All);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)), "the mistyped folder must not be created");
    }
}
