using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `compile --offline` twice with nothing changed between: the second does nothing (target/ already holds its output)
/// and says so. Any change to what it reads (a model, a macro, models.yml, profiles.yml, --vars, the selection, an
/// environment variable profiles.yml names) or to what it wrote makes it compile again; so does a template that reads
/// the clock or the environment, and --no-partial-parse. A template reading other models' tags (models_tagged) reads
/// only the project's files: it is skipped like any other.
/// </summary>
public class AnUnchangedCompileIsSkipped
{
    private const string Skipped = "nothing changed since the last compile";

    private static TempProject Project() => new TempProject()
        .Write("macros/shout.sql", "{{~ func shout(text)\n  ret \"upper(\" + text + \")\"\nend ~}}")
        .Write("models/names.sql", "select {{ shout \"'ann'\" }} as name")
        .Write("models/greeting.sql", "select 'hello ' || name as greeting from {{ ref 'names' }}");

    private static CliResult Compile(TempProject project, Dictionary<string, string>? environment = null, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(["compile", "--offline", .. extra, "--project-dir", project.Root], output, error, environment ?? []);
        var result = new CliResult(code, output.ToString(), error.ToString());
        Assert.True(code == 0, result.All);
        return result;
    }

    private static string Compiled(TempProject project, string model) =>
        File.ReadAllText(Path.Combine(project.Root, "target", "compiled", "models", model + ".sql"));

    [Fact]
    public void A_second_compile_with_nothing_changed_writes_nothing_and_says_so()
    {
        using var project = Project();
        Assert.DoesNotContain(Skipped, Compile(project).All);
        var manifest = Path.Combine(project.Root, "target", "manifest.json");
        var written = File.GetLastWriteTimeUtc(manifest);
        var second = Compile(project);
        Assert.Contains("Compiled 2 model(s) into target/compiled (" + Skipped + ")", second.All);
        Assert.Equal(written, File.GetLastWriteTimeUtc(manifest));
    }

    [Fact]
    public void An_edited_model_or_macro_is_compiled_again()
    {
        using var project = Project();
        Compile(project);
        project.Write("models/names.sql", "select {{ shout \"'bob'\" }} as name");
        Assert.DoesNotContain(Skipped, Compile(project).All);
        Assert.Contains("upper('bob')", Compiled(project, "names"));
        project.Write("macros/shout.sql", "{{~ func shout(text)\n  ret \"lower(\" + text + \")\"\nend ~}}");
        Assert.DoesNotContain(Skipped, Compile(project).All);
        Assert.Contains("lower('bob')", Compiled(project, "names"));
        Assert.Contains(Skipped, Compile(project).All);
    }

    [Fact]
    public void Other_options_a_removed_output_or_a_named_environment_variable_compile_again()
    {
        using var project = Project();
        Compile(project);
        Assert.DoesNotContain(Skipped, Compile(project, null, "--vars", "{x: 1}").All);
        Assert.DoesNotContain(Skipped, Compile(project, null, "--select", "names").All);
        Assert.Contains(Skipped, Compile(project, null, "--select", "names").All);
        Assert.DoesNotContain(Skipped, Compile(project, null, "--no-partial-parse").All);
        Compile(project, null, "--select", "names");
        Assert.Contains(Skipped, Compile(project, null, "--select", "names").All);

        File.Delete(Path.Combine(project.Root, "target", "compiled", "models", "names.sql"));
        Assert.DoesNotContain(Skipped, Compile(project, null, "--select", "names").All);
        Assert.Contains("upper('ann')", Compiled(project, "names"));

        var profiles = Path.Combine(project.Root, "profiles", "profiles.yml");
        File.WriteAllText(profiles, File.ReadAllText(profiles).Replace("schema: main", "schema: \"{{ env_var('MR_SCHEMA', 'main') }}\""));
        Compile(project, new() { ["MR_SCHEMA"] = "one" });
        Assert.Contains(Skipped, Compile(project, new() { ["MR_SCHEMA"] = "one" }).All);
        Assert.DoesNotContain(Skipped, Compile(project, new() { ["MR_SCHEMA"] = "two" }).All);
        Assert.Contains("\"two\".\"names\"", Compiled(project, "greeting"));
    }

    [Fact]
    public void A_template_reading_other_models_tags_is_skipped_until_a_tag_changes()
    {
        // models_tagged answers from the project's files (as Snowplow's run limits use it): a compile is repeatable.
        using var project = Project().Write("models/tagged.sql", "select '{{ array.join (models_tagged 'daily') ',' }}' as models");
        Compile(project);
        Assert.Contains(Skipped, Compile(project).All);
        project.Write("models/names.sql", "{{ config tags: ['daily'] }}select {{ shout \"'ann'\" }} as name");
        Assert.DoesNotContain(Skipped, Compile(project).All);
        Assert.Contains("select 'names' as models", Compiled(project, "tagged"));
    }

    [Fact]
    public void A_template_reading_the_clock_or_the_environment_is_always_compiled()
    {
        using var project = Project().Write("models/stamped.sql", "select '{{ run_started_at }}' as at");
        Compile(project);
        Assert.DoesNotContain(Skipped, Compile(project).All);
        project.Write("models/stamped.sql", "select 1 as one");
        project.Write("macros/home.sql", "{{~ func home()\n  ret env_var \"HOME\" \"/\"\nend ~}}");
        Compile(project);
        Assert.DoesNotContain(Skipped, Compile(project).All);
    }
}
