using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// An ODBC target on a machine without unixODBC: refused when the target opens (exit 2), naming the target, the
/// library and what to install, where System.Data.Odbc would throw DllNotFoundException at the first statement.
/// </summary>
public class AMissingOdbcDriverManagerIsAProjectError
{
    [Fact]
    public void A_library_that_cannot_load_names_the_target_and_what_to_install()
    {
        var error = Assert.Throws<ProjectException>(() => OdbcDriverManager.EnsureInstalled("prod", "libodbc-not-here.so.9"));
        var message = error.Diagnostics.Single().Message;
        Assert.Contains("target 'prod'", message);
        Assert.Contains("libodbc-not-here.so.9 was not found", message);
        Assert.Contains("apt-get install unixodbc", message);
        Assert.Contains("method: http", message);
    }
}
