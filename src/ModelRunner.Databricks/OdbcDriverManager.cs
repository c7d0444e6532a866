using System.Runtime.InteropServices;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Databricks;

/// <summary>
/// System.Data.Odbc calls the platform's ODBC driver manager (unixODBC's libodbc.so.2 on Linux, libodbc.2.dylib on
/// macOS). Without it the first ODBC call fails deep inside .NET with DllNotFoundException; checked when an ODBC
/// target is opened, it is a project error naming the target and what to install, before anything runs.
/// </summary>
public static class OdbcDriverManager
{
    /// <summary>The library System.Data.Odbc loads on this platform, or null where it is part of the system (Windows).</summary>
    public static string? LibraryName =>
        OperatingSystem.IsWindows() ? null : OperatingSystem.IsMacOS() ? "libodbc.2.dylib" : "libodbc.so.2";

    public static void EnsureInstalled(string targetName, string? library)
    {
        if (library is null) return;
        if (NativeLibrary.TryLoad(library, out var handle))
        {
            NativeLibrary.Free(handle);
            return;
        }
        throw new ProjectException($"target '{targetName}' connects through ODBC, but the ODBC driver manager is not installed ({library} was not found). "
            + "Install unixODBC (Debian/Ubuntu: apt-get install unixodbc; macOS: brew install unixodbc) and the Databricks ODBC driver, "
            + "or set method: http, which talks to the SQL Statement Execution API and needs no driver.");
    }
}
