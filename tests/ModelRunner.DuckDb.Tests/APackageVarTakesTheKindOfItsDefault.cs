using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A package's macros read a var as the kind of its default; a value of another kind is refused when the project loads,
/// at its place, before anything runs (a list given as text was read as its characters).
/// </summary>
public class APackageVarTakesTheKindOfItsDefault
{
    private static TempProject Package(string projectYaml = "") =>
        new TempProject(extraProjectYaml: projectYaml)
            .Write("models/pkg/package.yml", "name: pkg\nvars: {app_ids: [web], enabled: false, days: 30, label: hello, names: \"\"}\n")
            .Write("models/pkg/apps.sql", """
                {{ config materialized: 'table' }}
                select a as app, {{ if var 'enabled' }}true{{ else }}false{{ end }} as enabled, {{ var 'days' }} as days,
                  '{{ var 'label' }}' as label
                from (values {{ for a in var 'app_ids' }}{{ if !for.first }}, {{ end }}('{{ a }}'){{ end }}) as v(a)
                """);

    private static string Refusal(TempProject project, string? vars = null) =>
        string.Join("\n", Assert.Throws<ProjectException>(() => project.Run(vars: vars)).Diagnostics);

    [Fact]
    public void A_list_given_as_text_in_models_yml_is_refused_at_its_line()
    {
        using var project = Package("vars:\n  other: 1\n  app_ids: myapp\n");
        var message = Refusal(project);
        Assert.Contains("models.yml:5: error: vars: 'app_ids' is a list in package pkg (its default: [web], models/pkg/package.yml), given text: myapp; write a list, e.g. [myapp]", message);
    }

    [Fact]
    public void True_or_false_given_as_text_is_refused_with_a_hint()
    {
        using var project = Package();
        var message = Refusal(project, "{enabled: 'false'}");
        Assert.Contains("--vars: error: vars: 'enabled' is true or false in package pkg", message);
        Assert.Contains("given text: false; write false without quotes", message);
    }

    [Fact]
    public void A_value_under_the_package_name_is_checked_at_its_own_line()
    {
        using var project = Package("vars:\n  pkg:\n    days: [1, 2]\n");
        Assert.Contains("models.yml:5: error: vars: 'days' is a number in package pkg (its default: 30, models/pkg/package.yml), given a list: [1, 2]", Refusal(project));
    }

    [Fact]
    public void Every_wrong_value_is_named_in_one_go()
    {
        using var project = Package("vars:\n  app_ids: {web: true}\n");
        var message = Refusal(project, "{pkg: {enabled: 1}}");
        Assert.Contains("'app_ids' is a list in package pkg", message);
        Assert.Contains("'enabled' is true or false in package pkg", message);
    }

    [Fact]
    public void Values_of_the_defaults_kind_a_number_as_text_and_null_are_taken()
    {
        using var project = Package("vars:\n  app_ids: [web, shop]\n  label: 5\n  names: [a, b]\n");
        Assert.False(project.Run(vars: "{\"days\": \"7\", \"enabled\": true}").Failed);
        Assert.Equal(["shop|true|7|5", "web|true|7|5"], project.Query("select app || '|' || enabled || '|' || days || '|' || label from main.apps order by app"));
        Assert.False(project.Run(vars: "{label: null}").Failed);
    }

    [Fact]
    public void A_mapping_under_a_name_close_to_a_packages_is_a_warning_at_its_line()
    {
        using var project = Package("vars:\n  pkgg:\n    days: 7\n  settings: {a: 1}\n");
        var warning = Assert.Single(project.Open().Warnings);
        Assert.Equal("models.yml:4: vars: 'pkgg' holds a mapping but no package has that name, so no package reads it (it is a var of that name). "
            + "Did you mean 'pkg'?", warning.AsWarning());
    }

    [Fact]
    public void A_var_the_package_does_not_declare_takes_any_value()
    {
        using var project = Package("vars:\n  unrelated: [1]\n");
        Assert.False(project.Run(vars: "{also_unrelated: {a: 1}}").Failed);
    }
}
