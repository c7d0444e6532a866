using System.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// The ODBC transport for real, through the unixODBC driver manager with Debian's SQLite ODBC driver (installed by
/// .ci/run): what the Databricks driver does over the network, this driver does on a local file.
/// </summary>
public class OdbcTransportThroughUnixOdbc : IDisposable
{
    private const string Driver = "SQLite3";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mr-odbc-{Guid.NewGuid():N}.db");

    private static bool DriverManagerInstalled() => File.Exists("/usr/bin/odbcinst") || File.Exists("/usr/local/bin/odbcinst");

    private static bool DriverInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("odbcinst", "-q -d") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Contains($"[{Driver}]", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private OdbcSqlClient Client(RetryPolicy? retry = null) =>
        new($"Driver={{{Driver}}};Database={_database}", Driver, TimeSpan.FromMinutes(5), retry ?? new RetryPolicy(2, TimeSpan.Zero));

    [SkippableFact]
    public void Statements_parameters_and_results_go_through_the_driver_manager()
    {
        Skip.IfNot(DriverInstalled(), "the SQLite ODBC driver is not registered with unixODBC (apt-get install unixodbc libsqliteodbc)");
        using var client = Client();
        client.Execute("create table events (event_id text, n integer, v real)");
        Assert.Equal(1, client.Execute("insert into events values (?, ?, ?)", "e1", 7, 2.5));
        client.Execute("insert into events values (?, ?, ?)", "e2", null, 0.5);
        var result = client.Query("select event_id, n, v from events where v > ? order by event_id", null, 0.1);
        Assert.Equal(["event_id", "n", "v"], result.Columns);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("e1", result.Rows[0][0]);
        Assert.Equal(7L, Convert.ToInt64(result.Rows[0][1]));
        Assert.Null(result.Rows[1][1]);
        Assert.Single(client.Query("select * from events", maxRows: 1).Rows);
    }

    [SkippableFact]
    public void A_sql_error_carries_its_sqlstate_and_is_not_retried()
    {
        Skip.IfNot(DriverInstalled(), "the SQLite ODBC driver is not registered with unixODBC");
        var retry = new RetryPolicy(3, TimeSpan.Zero);
        using var client = Client(retry);
        var error = Assert.Throws<EngineException>(() => client.Execute("select * from no_such_table"));
        Assert.Contains("SQLSTATE", error.Message);
        Assert.Contains("no_such_table", error.Message);
        Assert.Equal(1, retry.Attempts);
    }

    [SkippableFact]
    public void A_missing_driver_is_named_and_the_secret_never_shows()
    {
        Skip.IfNot(DriverManagerInstalled(), "unixODBC is not installed (apt-get install unixodbc)");
        using var client = new OdbcSqlClient("Driver={Databricks ODBC Driver};Host=h;PWD=dapiTOPSECRET", "Databricks ODBC Driver",
            TimeSpan.FromSeconds(5), new RetryPolicy(0, TimeSpan.Zero));
        var error = Assert.ThrowsAny<Exception>(() => client.Execute("select 1"));
        // A setup problem, refused before anything runs (exit 2), as a missing driver manager is.
        Assert.IsType<ModelRunner.Core.Diagnostics.ProjectException>(error);
        Assert.Contains("'Databricks ODBC Driver' is not installed", error.Message);
        Assert.DoesNotContain("TOPSECRET", error.ToString());
    }

    public void Dispose() => File.Delete(_database);
}
