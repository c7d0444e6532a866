using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>
/// dbt's "unused configuration paths": a folder config of models.yml that no model or seed lies under (a misspelt folder,
/// a config key without its '+') is a warning at its line; the project still loads and builds.
/// </summary>
public class AFolderConfigThatReachesNoModelIsAWarning
{
    private static IReadOnlyList<string> Warnings(string config)
    {
        using var project = new TempProject(extraProjectYaml: config)
            .Write("models/staging/orders.sql", "select 1 as id")
            .Write("models/marts/finance/revenue.sql", "select 1 as id")
            .Write("models/off/old.sql", "{{ config enabled: false }}select 1 as id")
            .Write("seeds/lookups/codes.csv", "code\na\n");
        return project.Open().Warnings.Select(w => w.AsWarning()).ToList();
    }

    [Fact]
    public void A_misspelt_folder_is_named_with_its_line()
    {
        var warning = Assert.Single(Warnings("models:\n  testproj:\n    stagin:\n      +materialized: table\n"));
        Assert.Equal("models.yml:5: the config path models.testproj.stagin applies to no model: no folder of that name holds one "
            + "(a misspelt folder, or a config key written without its '+')", warning);
    }

    [Fact]
    public void Nested_folders_disabled_models_and_seeds_count_as_used()
    {
        Assert.Empty(Warnings("models:\n  testproj:\n    staging: {+materialized: table}\n    marts:\n      finance: {+schema: fin}\n    off: {+tags: [x]}\n"
            + "seed-paths: [seeds]\nseeds:\n  testproj:\n    lookups: {+schema: ref}\n"));
    }

    [Fact]
    public void A_folder_below_a_used_one_is_checked_too_and_so_is_a_config_key_without_its_plus()
    {
        var warnings = Warnings("models:\n  testproj:\n    marts:\n      finanse: {+schema: fin}\n    meta: {owner: me}\n");
        Assert.Contains(warnings, w => w.StartsWith("models.yml:6: the config path models.testproj.marts.finanse", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("models.yml:7: the config path models.testproj.meta", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_projects_name_folders_stand_directly_under_the_section()
    {
        var warning = Assert.Single(Warnings("models:\n  staging: {+materialized: table}\n  nothere: {+materialized: table}\n"));
        Assert.StartsWith("models.yml:5: the config path models.nothere applies to no model", warning);
    }
}
