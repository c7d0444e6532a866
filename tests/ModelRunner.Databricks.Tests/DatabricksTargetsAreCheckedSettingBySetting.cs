using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks.Tests;

public class DatabricksTargetsAreCheckedSettingBySetting
{
    internal static TargetSettings Target(params (string Key, object? Value)[] settings) =>
        new("p", "prod", "databricks", "analytics", "main", 4,
            settings.ToImmutableDictionary(s => s.Key, s => s.Value), "profiles/profiles.yml");

    [Fact]
    public void A_complete_token_target_is_read()
    {
        var target = DatabricksTarget.Read(Target(("host", "adb-1.azuredatabricks.net"), ("http_path", "/sql/1.0/warehouses/abc"), ("token", "dapi123")));
        Assert.Equal(DatabricksMethod.Odbc, target.Method);
        Assert.Equal(DatabricksTarget.DefaultDriver, target.Driver);
        Assert.Equal(443, target.Port);
        Assert.True(target.QueryTimeout > TimeSpan.FromSeconds(30), "model builds run for minutes");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<ProjectException>(() => DatabricksTarget.Read(Target(("host", "https://adb-1.net/"), ("method", "grpc"), ("port", "x"))));
        Assert.Contains("host must be a host name only", error.Message);
        Assert.Contains("http_path is required", error.Message);
        Assert.Contains("method must be 'odbc' or 'http'", error.Message);
        Assert.Contains("no credentials", error.Message);
        Assert.Contains("port must be a whole number", error.Message);
        Assert.All(error.Diagnostics, d => Assert.Equal("profiles/profiles.yml", d.File));
    }

    [Fact]
    public void OAuth_needs_both_client_id_and_secret()
    {
        var error = Assert.Throws<ProjectException>(() => DatabricksTarget.Read(Target(("host", "h"), ("http_path", "/p"), ("client_id", "abc"))));
        Assert.Contains("needs both client_id and client_secret", error.Message);
    }

    [Fact]
    public void Secrets_never_print()
    {
        var target = DatabricksTarget.Read(Target(("host", "h"), ("http_path", "/p"), ("client_id", "app"), ("client_secret", "s3cr3t")));
        Assert.DoesNotContain("s3cr3t", target.ToString());
        Assert.DoesNotContain("dapi999", DatabricksTarget.Read(Target(("host", "h"), ("http_path", "/p"), ("token", "dapi999"))).ToString());
    }
}
