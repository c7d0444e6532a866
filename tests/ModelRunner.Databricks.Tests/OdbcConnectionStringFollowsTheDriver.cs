using System.Data.Odbc;

namespace ModelRunner.Databricks.Tests;

public class OdbcConnectionStringFollowsTheDriver
{
    private static OdbcConnectionStringBuilder Build(params (string, object?)[] settings) =>
        new(OdbcConnectionString.Build(DatabricksTarget.Read(DatabricksTargetsAreCheckedSettingBySetting.Target(settings))));

    [Fact]
    public void A_token_uses_auth_mechanism_3_over_https_with_native_queries()
    {
        var builder = Build(("host", "adb-1.net"), ("http_path", "/sql/1.0/warehouses/abc"), ("token", "dapi123"));
        Assert.Equal("{Databricks ODBC Driver}", builder.Driver); // braced: the name holds spaces
        Assert.Equal(("adb-1.net", "443", "/sql/1.0/warehouses/abc"), ((string)builder["Host"], (string)builder["Port"], (string)builder["HTTPPath"]));
        Assert.Equal(("1", "2", "1"), ((string)builder["SSL"], (string)builder["ThriftTransport"], (string)builder["UseNativeQuery"]));
        Assert.Equal(("3", "token", "dapi123"), ((string)builder["AuthMech"], (string)builder["UID"], (string)builder["PWD"]));
        Assert.Equal(("main", "analytics"), ((string)builder["Catalog"], (string)builder["Schema"]));
    }

    [Fact]
    public void OAuth_machine_to_machine_uses_auth_mechanism_11()
    {
        var builder = Build(("host", "h"), ("http_path", "/p"), ("client_id", "app"), ("client_secret", "secret"));
        Assert.Equal(("11", "1", "app", "secret"),
            ((string)builder["AuthMech"], (string)builder["Auth_Flow"], (string)builder["Auth_Client_ID"], (string)builder["Auth_Client_Secret"]));
    }

    [Fact]
    public void Values_with_separators_are_escaped_and_the_legacy_driver_name_is_kept()
    {
        var text = OdbcConnectionString.Build(DatabricksTarget.Read(DatabricksTargetsAreCheckedSettingBySetting.Target(
            ("host", "h"), ("http_path", "/p"), ("token", "ab;c}d"), ("driver", "Simba Spark ODBC Driver"))));
        // A value holding ';' or '}' is braced, and its '}' doubled, so the driver reads it back whole.
        Assert.Contains("PWD={ab;c}}d}", text);
        Assert.Contains("Driver={Simba Spark ODBC Driver}", text);
    }
}
