using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

public class RefsAndConfigAreReadStatically
{
    [Fact]
    public void Refs_in_the_model_and_in_macros_it_calls_become_dependencies()
    {
        using var project = new TempProject()
            .Write("macros/helpers.sql", "{{ func from_b()\n ret 'select * from ' + (ref 'b')\nend }}")
            .Write("models/a.sql", "{{ from_b }}")
            .Write("models/b.sql", "select 1 as x")
            .Write("models/c.sql", "select * from {{ ref \"a\" }} join {{ ref 'b' }} using (x)");
        var workspace = project.Open();
        Assert.Equal(new[] { "b" }, workspace.Dag.Parents["a"]);
        Assert.Equal(new[] { "a", "b" }, workspace.Dag.Parents["c"]);
        Assert.Equal(new[] { "b", "a", "c" }, workspace.Dag.Ordered.Select(n => n.Name));
    }

    [Fact]
    public void This_is_the_models_own_relation_wherever_it_is_used_and_only_where_it_is_used()
    {
        // "this" in names (Snowplow's …_this_run models) is text, not the keyword; the keyword anywhere in an expression
        // is the model's relation.
        using var project = new TempProject()
            .Write("models/events_this_run.sql", "select 'this' as this_text, 1 as id")
            .Write("models/uses_this.sql", "{{ config materialized: 'table' }}select * from {{ ref 'events_this_run' }} -- {{ this }} / {{ this.identifier }} / {{ 'x' + this }}");
        var compiled = project.CompileOffline().ToDictionary(c => c.Node.Name);
        Assert.Equal("select 'this' as this_text, 1 as id", compiled["events_this_run"].Sql.Trim());
        Assert.Equal("select * from \"main\".\"events_this_run\" -- \"main\".\"uses_this\" / uses_this / x\"main\".\"uses_this\"",
            compiled["uses_this"].Sql.Trim());
    }

    [Fact]
    public void In_model_config_wins_over_property_files_which_win_over_folders_and_tags_add_up()
    {
        using var project = new TempProject(extraProjectYaml: "models:\n  +materialized: view\n  +tags: [all]\n  web:\n    +materialized: table\n    +schema: web\n    +tags: [web]\n")
            .Write("models/web/a.sql", "{{ config materialized: 'incremental' unique_key: ['id', 'day'] tags: 'mine' }}select 1 as id")
            .Write("models/web/b.sql", "select 1 as id")
            .Write("models/c.sql", "select 1 as id")
            .Write("models/web/props.yml", "version: 2\nmodels:\n  - name: b\n    config:\n      materialized: ephemeral\n  - name: a\n    config:\n      materialized: view\n");
        var nodes = project.Open().Project.Nodes.ToDictionary(n => n.Name);
        Assert.Equal("incremental", nodes["a"].Config.Materialized);
        Assert.Equal(new[] { "id", "day" }, nodes["a"].Config.UniqueKey);
        Assert.Equal(new[] { "all", "web", "mine" }, nodes["a"].Config.Tags);
        Assert.Equal("web", nodes["a"].Config.Schema);
        Assert.Equal("ephemeral", nodes["b"].Config.Materialized);
        Assert.Equal("view", nodes["c"].Config.Materialized);
    }

    [Fact]
    public void Config_arguments_may_use_vars_and_target()
    {
        using var project = new TempProject(extraProjectYaml: "vars:\n  mat: table\n")
            .Write("models/a.sql", "{{ config materialized: (var 'mat') alias: ('a_' + target.name) }}select 1 as id");
        var node = project.Open().Project.Nodes.Single();
        Assert.Equal("table", node.Config.Materialized);
        Assert.Equal("a_dev", node.Config.Alias);
    }

    [Fact]
    public void Disabled_models_are_left_out()
    {
        using var project = new TempProject()
            .Write("models/a.sql", "{{ config enabled: false }}select 1")
            .Write("models/b.sql", "select 1");
        Assert.Equal(new[] { "b" }, project.Open().Project.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Unknown_data_tests_in_property_files_are_refused_with_a_suggestion()
    {
        using var project = new TempProject()
            .Write("models/a.sql", "select 1 as id")
            .Write("models/a.yml", "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [not_nul]\n");
        var error = Assert.Throws<Diagnostics.ProjectException>(() => project.Open());
        Assert.Contains("Did you mean 'not_null'", error.Message);
        Assert.Equal("models/a.yml", error.Diagnostics[0].File);
    }

    [Fact]
    public void Data_tests_are_parsed_with_their_arguments()
    {
        using var project = new TempProject()
            .Write("models/a.sql", "select 1 as id")
            .Write("models/a.yml", "version: 2\nmodels:\n  - name: a\n    data_tests:\n      - expression_is_true:\n          expression: 'id > 0'\n    columns:\n      - name: id\n        tests:\n          - not_null\n          - accepted_values:\n              values: [1, 2]\n              config: {severity: warn}\n");
        var node = project.Open().Project.Nodes.Single();
        Assert.Equal("expression_is_true", Assert.Single(node.Tests).Name);
        var column = Assert.Single(node.Columns);
        Assert.Equal(new[] { "not_null", "accepted_values" }, column.Tests.Select(t => t.Name));
        Assert.True(column.Tests[1].Arguments.ContainsKey("values"));
    }
}
