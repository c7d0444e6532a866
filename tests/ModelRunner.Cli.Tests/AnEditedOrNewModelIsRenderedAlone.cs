using System.Text.Json.Nodes;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `compile --offline` after a few model files were edited, added or removed and nothing else: only those models are
/// rendered, their compiled files and manifest entries written (or taken out), the rest of the manifest copied; the
/// result is what a whole compile writes. An edit another model's output depends on (config, relation, tags, refs), an
/// ephemeral model or a reader of one, a template reading the clock or other models' tags, a new or removed model others
/// would see (tags, a property file, a test, a reader, a selection, a clashing name) and a broken template compile the
/// whole project.
/// </summary>
public class AnEditedOrNewModelIsRenderedAlone
{
    private const string Alone = "edited or new model(s) rendered: nothing else changed since the last compile";
    private const string Skipped = "nothing changed since the last compile";

    private static TempProject Project() => new TempProject()
        .Write("macros/shout.sql", "{{~ func shout(text)\n  ret \"upper(\" + text + \")\"\nend ~}}")
        .Write("seeds/codes.csv", "code\n1\n")
        .Write("models/names.sql", "select {{ shout \"'ann'\" }} as name")
        .Write("models/greeting.sql", "select 'hello ' || name as greeting from {{ ref 'names' }} cross join {{ ref 'codes' }}")
        .Write("models/shouted.sql", "{{ config materialized: 'table' }}select {{ shout 'greeting' }} as loud from {{ ref 'greeting' }}")
        .Write("models/schema.yml", "models:\n  - name: greeting\n    description: Says hello\n    columns:\n      - name: greeting\n        data_tests: [not_null]\n");

    private static CliResult Run(TempProject project, params string[] extra)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(["compile", "--offline", .. extra, "--project-dir", project.Root], output, error, new Dictionary<string, string>());
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static CliResult Compile(TempProject project, params string[] extra)
    {
        var result = Run(project, extra);
        Assert.True(result.ExitCode == 0, result.All);
        return result;
    }

    private static string Compiled(TempProject project, string model) => project.Read($"target/compiled/models/{model}.sql");

    /// <summary>manifest.json without the time it was written.</summary>
    private static JsonNode Manifest(TempProject project)
    {
        var manifest = JsonNode.Parse(project.Read("target/manifest.json"))!;
        manifest["metadata"]!.AsObject().Remove("generated_at");
        return manifest;
    }

    /// <summary>What a whole compile of the project as it is now writes (in a copy, so the project's own state stays).</summary>
    private static JsonNode WholeCompileManifest(TempProject project)
    {
        using var copy = TempProject.CopyOf(project);
        Compile(copy, "--no-partial-parse");
        return Manifest(copy);
    }

    [Fact]
    public void An_edited_query_is_rendered_alone_and_the_artifacts_are_those_of_a_whole_compile()
    {
        using var project = Project();
        Compile(project);
        var before = JsonNode.Parse(project.Read("target/manifest.json"))!["metadata"]!["generated_at"]!.GetValue<string>();
        project.Write("models/greeting.sql", "select 'hi ' || name as greeting from {{ ref 'names' }} cross join {{ ref 'codes' }} where name is not null");
        var result = Compile(project);
        Assert.Contains("Compiled 3 model(s) into target/compiled (only 1 " + Alone + ")", result.All);
        Assert.Contains("'hi ' || name", Compiled(project, "greeting"));
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
        Assert.NotEqual(before, JsonNode.Parse(project.Read("target/manifest.json"))!["metadata"]!["generated_at"]!.GetValue<string>());
        Assert.Contains(Skipped, Compile(project).All);

        // Two at once, then one again: each compile starts from what the last one wrote.
        project.Write("models/names.sql", "select {{ shout \"'bob'\" }} as name");
        project.Write("models/shouted.sql", "{{ config materialized: 'table' }}select {{ shout 'greeting' }} as louder from {{ ref 'greeting' }}");
        Assert.Contains("only 2 " + Alone, Compile(project).All);
        project.Write("models/names.sql", "select {{ shout \"'cy'\" }} as name");
        Assert.Contains("only 1 " + Alone, Compile(project).All);
        Assert.Contains("upper('cy')", Compiled(project, "names"));
        Assert.Contains("as louder", Compiled(project, "shouted"));
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    [Theory]
    [InlineData("{{ config materialized: 'table' }}select {{ shout \"'ann'\" }} as name", "\"main\".\"names\"")] // config
    [InlineData("{{ config alias: 'people' }}select {{ shout \"'ann'\" }} as name", "\"main\".\"people\"")] // relation
    [InlineData("{{ config tags: ['daily'] }}select {{ shout \"'ann'\" }} as name", "\"main\".\"names\"")] // tags
    [InlineData("select {{ shout \"'ann'\" }} as name from {{ ref 'codes' }}", "\"main\".\"names\"")] // a new ref
    [InlineData("select '{{ run_started_at }}' as name", "\"main\".\"names\"")] // the clock
    [InlineData("select '{{ array.join (models_tagged 'x') ',' }}' as name", "\"main\".\"names\"")] // other models' tags
    public void An_edit_other_models_may_depend_on_compiles_the_whole_project(string edit, string greetingReads)
    {
        using var project = Project();
        Compile(project);
        project.Write("models/names.sql", edit);
        var result = Compile(project);
        Assert.Contains("Compiled 3 model(s) into target/compiled", result.All);
        Assert.DoesNotContain(Alone, result.All);
        Assert.Contains(greetingReads, Compiled(project, "greeting"));
        if (!edit.Contains("run_started_at")) // a template reading the clock renders differently each time
            Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
        else
            Assert.DoesNotContain(Skipped, Compile(project).All);
    }

    [Fact]
    public void Ephemeral_models_and_their_readers_compile_the_whole_project()
    {
        using var project = Project().Write("models/names.sql", "{{ config materialized: 'ephemeral' }}select {{ shout \"'ann'\" }} as name");
        Compile(project);
        project.Write("models/names.sql", "{{ config materialized: 'ephemeral' }}select {{ shout \"'bob'\" }} as name");
        Assert.DoesNotContain(Alone, Compile(project).All);
        Assert.Contains("upper('bob')", Compiled(project, "greeting")); // inlined into its reader
        project.Write("models/greeting.sql", "select 'hi ' || name as greeting from {{ ref 'names' }} cross join {{ ref 'codes' }}");
        Assert.DoesNotContain(Alone, Compile(project).All);
        Assert.Contains("'hi '", Compiled(project, "greeting"));
    }

    [Fact]
    public void A_model_outside_the_selection_is_rendered_for_its_errors_but_not_written()
    {
        using var project = Project();
        Compile(project, "--select", "greeting");
        project.Write("models/names.sql", "select {{ shout \"'bob'\" }} as name");
        Assert.Contains("Compiled 1 model(s) into target/compiled (only 1 " + Alone + ")", Compile(project, "--select", "greeting").All);
        Assert.False(project.Exists("target/compiled/models/names.sql"));
        var names = JsonNode.Parse(project.Read("target/manifest.json"))!["nodes"]!["model.names"]!.AsObject();
        Assert.False(names.ContainsKey("compiled_code"));
        using var copy = TempProject.CopyOf(project);
        Compile(copy, "--select", "greeting", "--no-partial-parse");
        Assert.True(JsonNode.DeepEquals(Manifest(copy), Manifest(project)));

        project.Write("models/names.sql", "select {{ whisper \"'bob'\" }} as name");
        var broken = Run(project, "--select", "greeting");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("models/names.sql:1:", broken.All);
    }

    [Fact]
    public void A_broken_edit_is_reported_as_a_whole_compile_reports_it_and_the_artifacts_stay()
    {
        using var project = Project();
        Compile(project);
        var manifest = project.Read("target/manifest.json");
        project.Write("models/greeting.sql", "select {{ ref 'names' }");
        var broken = Run(project);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("models/greeting.sql:1:", broken.All);
        Assert.Contains("greeting", broken.All);
        Assert.Equal(manifest, project.Read("target/manifest.json"));
        project.Write("models/greeting.sql", "select 'hi ' || name as greeting from {{ ref 'names' }} cross join {{ ref 'codes' }}");
        Compile(project);
        Assert.Contains("'hi '", Compiled(project, "greeting"));
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    [Fact]
    public void A_new_model_is_rendered_alone_and_joins_the_manifest_and_the_child_map()
    {
        using var project = Project();
        Compile(project);
        project.Write("models/extra.sql", "select greeting || '!' as loud from {{ ref 'greeting' }}");
        Assert.Contains("Compiled 4 model(s) into target/compiled (only 1 " + Alone + ")", Compile(project).All);
        Assert.Contains("from \"main\".\"greeting\"", Compiled(project, "extra"));
        Assert.Contains("model.extra", Manifest(project)["child_map"]!["model.greeting"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
        Assert.Contains("Compiled 4 model(s) into target/compiled (" + Skipped + ")", Compile(project).All);

        // Two more at once, one reading the other: both join, each as the other's child or parent.
        project.Write("models/more/first.sql", "select * from {{ ref 'extra' }} cross join {{ ref 'codes' }}");
        project.Write("models/more/second.sql", "select * from {{ ref 'first' }}");
        Assert.Contains("Compiled 6 model(s) into target/compiled (only 2 " + Alone + ")", Compile(project).All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    [Theory]
    [InlineData("{{ config tags: ['daily'] }}select 1 as one", null)] // other models' models_tagged would list it
    [InlineData("select 1 as one", "models:\n  - name: extra\n    description: Described before it existed\n")] // its description and the warning
    [InlineData("{{ config materialized: 'ephemeral' }}select 1 as one", null)]
    public void A_new_model_that_changes_what_others_see_compiles_the_whole_project(string sql, string? properties)
    {
        using var project = Project();
        if (properties is not null) project.Write("models/extra.yml", properties);
        Compile(project);
        project.Write("models/extra.sql", sql);
        var result = Compile(project);
        Assert.Contains("Compiled 4 model(s) into target/compiled", result.All);
        Assert.DoesNotContain(Alone, result.All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    /// <summary>After a compile, a new model the whole compile refuses: refused with its message, then taken away again.</summary>
    private static void RefusedWhenAdded(TempProject project, string path, string sql, string message)
    {
        Compile(project);
        project.Write(path, sql);
        var refused = Run(project);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.All);
        File.Delete(Path.Combine(project.Root, path));
    }

    [Fact]
    public void A_new_model_under_a_selection_named_like_a_seed_or_reading_a_disabled_one_compiles_the_whole_project()
    {
        using var project = Project();
        Compile(project, "--select", "greeting");
        project.Write("models/extra.sql", "select 1 as one");
        var selected = Compile(project, "--select", "greeting");
        Assert.Contains("Compiled 1 model(s) into target/compiled\n", selected.All.Replace("\r", ""));

        RefusedWhenAdded(project, "models/codes.sql", "select 1 as code", "two nodes are named 'codes'");
        project.Write("models/off.sql", "{{ config enabled: false }}select 1 as one");
        RefusedWhenAdded(project, "models/reads_off.sql", "select * from {{ ref 'off' }}", "refers to 'off', which is disabled");
    }

    private const string Removed = "removed model(s) taken out of the manifest: nothing else changed since the last compile";

    [Fact]
    public void A_removed_model_nothing_names_leaves_the_manifest_alone_and_a_renamed_one_moves_in_it()
    {
        using var project = Project().Write("models/extra.sql", "select greeting || '!' as loud from {{ ref 'greeting' }}")
            .Write("models/more/first.sql", "select 1 as one").Write("models/aaa.sql", "select 2 as two");
        Compile(project);
        File.Delete(Path.Combine(project.Root, "models", "extra.sql"));
        Assert.Contains("Compiled 5 model(s) into target/compiled (1 " + Removed + ")", Compile(project).All);
        Assert.DoesNotContain("model.extra", Manifest(project)["child_map"]!["model.greeting"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
        Assert.Contains("Compiled 5 model(s) into target/compiled (" + Skipped + ")", Compile(project).All);

        // Renamed: the old name leaves, the new one joins, in one compile.
        File.Move(Path.Combine(project.Root, "models", "more", "first.sql"), Path.Combine(project.Root, "models", "more", "second.sql"));
        Assert.Contains("Compiled 5 model(s) into target/compiled (only 1 edited or new model(s) rendered, 1 " + Removed + ")", Compile(project).All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));

        // The manifest's first node (no comma before it), and then the last one left after it.
        Assert.Equal("model.aaa", Manifest(project)["nodes"]!.AsObject().First().Key);
        File.Delete(Path.Combine(project.Root, "models", "aaa.sql"));
        Assert.Contains("Compiled 4 model(s) into target/compiled (1 " + Removed + ")", Compile(project).All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
        File.Delete(Path.Combine(project.Root, "models", "more", "second.sql"));
        Assert.Contains("Compiled 3 model(s) into target/compiled (1 " + Removed + ")", Compile(project).All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    [Theory]
    [InlineData("greeting.sql", null, "'shouted' refers to 'greeting'")] // another model reads it
    [InlineData("extra.sql", "models:\n  - name: extra\n    description: Loud\n", null)] // described: the whole compile warns
    [InlineData("extra.sql", "models:\n  - name: names\n    columns:\n      - name: name\n        data_tests:\n          - relationships:\n"
        + "              to: ref('extra')\n              field: loud\n", "refers to 'extra'")] // a test names it
    [InlineData("tagged.sql", null, null)] // others' models_tagged listed it
    public void A_removed_model_something_else_names_compiles_the_whole_project(string file, string? properties, string? error)
    {
        using var project = Project().Write("models/extra.sql", "select 'x' as loud")
            .Write("models/tagged.sql", "{{ config tags: ['daily'] }}select 1 as one");
        if (properties is not null) project.Write("models/more.yml", properties);
        Compile(project);
        File.Delete(Path.Combine(project.Root, "models", file));
        var result = Run(project);
        Assert.DoesNotContain(Removed, result.All);
        if (error is not null)
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(error, result.All);
            return;
        }
        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(JsonNode.DeepEquals(WholeCompileManifest(project), Manifest(project)));
    }

    [Fact]
    public void A_removed_model_under_a_selection_compiles_the_whole_project()
    {
        using var project = Project().Write("models/extra.sql", "select 1 as one");
        Compile(project, "--select", "greeting");
        File.Delete(Path.Combine(project.Root, "models", "extra.sql"));
        var result = Compile(project, "--select", "greeting");
        Assert.DoesNotContain(Removed, result.All);
        Assert.Contains("Compiled 1 model(s) into target/compiled", result.All);
    }
}
