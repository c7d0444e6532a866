using System.Net;
using ModelRunner.Core.Diagnostics;

namespace ModelRunner.Core.Docs;

/// <summary>
/// `modelrunner docs serve`: the files of target/ (the site, manifest.json, catalog.json, run_results.json) over HTTP on
/// localhost only, until the token is cancelled (Ctrl-C).
/// </summary>
public sealed class DocsServer(string targetDirectory)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".json"] = "application/json", [".sql"] = "text/plain; charset=utf-8",
        [".css"] = "text/css", [".js"] = "text/javascript", [".png"] = "image/png",
    };

    /// <summary>Listens on http://localhost:<paramref name="port"/>/ and calls <paramref name="started"/> with the address.</summary>
    public void Serve(int port, Action<string> started, CancellationToken cancel)
    {
        if (!File.Exists(Path.Combine(targetDirectory, "index.html")))
            throw new ProjectException($"there is no {Path.Combine(Path.GetFileName(targetDirectory), "index.html")} to serve: run 'modelrunner docs generate' first");
        var address = $"http://localhost:{port}/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(address);
        try { listener.Start(); }
        catch (HttpListenerException e) { throw new ProjectException($"cannot serve on port {port}: {e.Message} (choose another with --port)"); }
        started(address);
        using var stop = cancel.Register(listener.Stop);
        while (!cancel.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = listener.GetContext(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { break; }
            Respond(context);
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        var relative = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
        if (relative.Length == 0) relative = "index.html";
        var root = Path.GetFullPath(targetDirectory);
        var path = Path.GetFullPath(Path.Combine(root, relative));
        // Only files under target/: a path that climbs out of it is not found, like one that does not exist.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            response.StatusCode = 404;
            return;
        }
        var bytes = File.ReadAllBytes(path);
        response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }
}
