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
