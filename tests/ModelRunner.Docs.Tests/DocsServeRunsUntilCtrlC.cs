using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ModelRunner.Docs.Tests;

/// <summary>`modelrunner docs serve`, as a process: it says where the site is, serves it, and Ctrl-C ends it cleanly.</summary>
public sealed class DocsServeRunsUntilCtrlC(DocumentedProject docs) : IClassFixture<DocumentedProject>
{
    [Fact]
    public async Task The_site_is_served_on_localhost_and_ctrl_c_stops_the_server()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var cli = Path.Combine(AppContext.BaseDirectory, "modelrunner.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "docs", "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--project-dir", docs.Project.Root])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var server = Process.Start(start)!;
        try
        {
            var line = server.StandardOutput.ReadLine();
            Assert.Equal($"Serving the docs site at http://localhost:{port}/ (Ctrl-C to stop)", line);
            using var http = new HttpClient();
            var page = await http.GetStringAsync($"http://localhost:{port}/");
            Assert.Contains("<svg id=\"graph\"", page);
            Assert.Contains("snowplow_web_sessions", page);
            // Ctrl-C is SIGINT; a process started from a background job inherits SIGINT ignored (POSIX shells do that, and
            // nothing can undo it), so there the test stops the server with SIGTERM, which takes the same path.
            var signal = SigintIgnoredHere() ? "-TERM" : "-INT";
            using (var interrupt = Process.Start("kill", [signal, server.Id.ToString(CultureInfo.InvariantCulture)])) interrupt.WaitForExit();
            Assert.True(server.WaitForExit(30_000), $"the server did not stop on {signal}");
            Assert.Equal(0, server.ExitCode);
            Assert.Equal("", server.StandardError.ReadToEnd());
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Whether this process ignores SIGINT (signal 2: bit 1 of SigIgn in /proc/self/status), as children of a background job do.</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }
}
