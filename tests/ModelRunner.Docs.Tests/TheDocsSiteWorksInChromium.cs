using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using ModelRunner.Core.Docs;

namespace ModelRunner.Docs.Tests;

/// <summary>
/// The site as a user meets it: served by `docs serve`'s server, loaded in headless Chromium (Debian's package, driven
/// by Playwright), the lineage graph drawn, a click on a model showing its SQL and columns, the selection box agreeing
/// with the command line's selector, and a screenshot (docs-site.png beside the test assembly).
/// </summary>
public sealed class TheDocsSiteWorksInChromium(DocumentedProject docs) : IClassFixture<DocumentedProject>
{
    private const string Chromium = "/usr/bin/chromium";

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task WithPage(Func<IPage, string, Task> body)
    {
        Skip.IfNot(File.Exists(Chromium), $"Debian's Chromium is not installed ({Chromium}; apt-get install chromium, as .ci/run does)");
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<string>();
        var port = FreePort();
        var server = Task.Run(() => new DocsServer(docs.Target).Serve(port, a => started.SetResult(a), stop.Token));
        var address = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                // As root and on a closed network: no sandbox, and none of Chromium's own calls home.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            var elsewhere = new List<string>();
            page.Request += (_, request) => { if (!request.Url.StartsWith(address, StringComparison.Ordinal)) elsewhere.Add(request.Url); };
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);
            await page.GotoAsync(address);
            await body(page, address);
            Assert.Empty(errors);
            Assert.Empty(elsewhere);
        }
        finally
        {
            await stop.CancelAsync();
            await server.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [SkippableFact]
    public async Task The_graph_renders_and_clicking_a_model_shows_its_sql_and_columns()
    {
        await WithPage(async (page, _) =>
        {
            var workspace = docs.Project.Open();
            var graphNodes = workspace.Dag.Ordered.Length + workspace.Project.Sources.Sum(s => s.Tables.Length);
            Assert.Equal(graphNodes, await page.Locator("svg#graph g.node").CountAsync());
            Assert.True(await page.Locator("svg#graph path.edge").CountAsync() > graphNodes, "edges drawn");

            // Zoom in on the model through the list, then click it in the graph itself.
            await page.Locator("#list a[data-id='model.snowplow_web_sessions']").ClickAsync();
            await page.Locator("svg#graph g.node[data-id='model.snowplow_web_page_views']").ClickAsync();
            Assert.Equal("snowplow_web_page_views", await page.Locator("#details h2").InnerTextAsync());
            await page.Locator("svg#graph g.node[data-id='model.snowplow_web_sessions']").ClickAsync();
            Assert.Equal("snowplow_web_sessions", await page.Locator("#details h2").InnerTextAsync());
            Assert.Contains("focus", await page.Locator("svg#graph g.node[data-id='model.snowplow_web_sessions']").GetAttributeAsync("class"));
            var sql = await page.Locator("#details pre.sql").InnerTextAsync();
            Assert.Contains("snowplow_web_sessions_this_run", sql);
            var columns = page.Locator("#details table.columns tbody tr");
            Assert.True(await columns.CountAsync() > 50);
            Assert.Contains("BOOLEAN", await page.Locator("#details table.columns tbody tr", new() { HasText = "is_engaged" }).InnerTextAsync());
            Assert.Contains("Last run: success", await page.Locator("#details").InnerTextAsync());
            Assert.True(await page.Locator("svg#graph path.edge.lit").CountAsync() > 3, "its lineage lit");

            // Pan and zoom move the drawing.
            var before = await page.Locator("#viewport").GetAttributeAsync("transform");
            await page.Mouse.MoveAsync(800, 500);
            await page.Mouse.WheelAsync(0, -400);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(700, 420, new() { Steps = 5 });
            await page.Mouse.UpAsync();
            Assert.NotEqual(before, await page.Locator("#viewport").GetAttributeAsync("transform"));

            await page.Locator("text=Fit graph").ClickAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "docs-site.png") });
            Assert.True(new FileInfo(Path.Combine(AppContext.BaseDirectory, "docs-site.png")).Length > 20_000);
        });
    }

    [SkippableFact]
    public async Task The_selection_box_selects_what_the_command_line_selects()
    {
        await WithPage(async (page, _) =>
        {
            var workspace = docs.Project.Open();
            (string Select, string Exclude)[] expressions =
            [
                ("snowplow_web_sessions", ""), ("+snowplow_web_sessions", ""), ("snowplow_web_sessions+1", ""), ("2+snowplow_web_page_views", ""),
                ("@snowplow_web_base_events_this_run", ""), ("tag:snowplow_web", "tag:snowplow_web_incremental"),
                ("tag:snowplow_web,config.materialized:incremental", ""), ("path:models/web/sessions", ""), ("models/mobile", ""),
                ("resource_type:seed", ""), ("source:atomic.events+", ""), ("config.materialized:table", ""), ("snowplow_media_*", ""),
                ("tag:snowplow_mobile snowplow_web_users+", "snowplow_mobile_users"), ("", "tag:snowplow_web"),
            ];
            foreach (var (select, exclude) in expressions)
            {
                var cli = workspace.Select(Split(select), Split(exclude)).Select(n => n.Name).ToArray();
                var site = await page.EvaluateAsync<string[]>("([s, x]) => window.modelrunnerDocs.select(s, x)", new[] { select, exclude });
                Assert.True(cli.SequenceEqual(site), $"--select '{select}' --exclude '{exclude}': the CLI selects {cli.Length}, the site {site.Length}");
            }
            foreach (var bad in new[] { "tag:", "bogus:x", "a+b+c@" })
            {
                var cli = Assert.Throws<Core.Diagnostics.ProjectException>(() => workspace.Select([bad], [])).Diagnostics.Single().Message;
                var site = await page.EvaluateAsync<string>("s => { try { window.modelrunnerDocs.select(s, ''); return 'no error'; } catch (e) { return e.message; } }", bad);
                Assert.Equal(cli, site);
            }

            // Typed into the box: the selected nodes stand out, the others fade, and the count is shown.
            await page.FillAsync("#select", "+snowplow_web_sessions");
            await page.PressAsync("#select", "Enter");
            var expected = workspace.Select(["+snowplow_web_sessions"], []).Length;
            Assert.Equal(expected, await page.Locator("svg#graph g.node.picked").CountAsync());
            Assert.Equal($"{expected} node(s) selected", await page.Locator("#selection-info").InnerTextAsync());
            await page.FillAsync("#select", "tag:");
            await page.PressAsync("#select", "Enter");
            Assert.Contains("has no value after 'tag:'", await page.Locator("#selection-info.error").InnerTextAsync());
        });
    }

    [SkippableFact]
    public async Task The_server_serves_the_artifacts_and_nothing_outside_target()
    {
        await WithPage(async (page, address) =>
        {
            var manifest = await page.APIRequest.GetAsync(address + "manifest.json");
            Assert.Equal(200, manifest.Status);
            Assert.Contains("application/json", manifest.Headers["content-type"]);
            Assert.Equal(404, (await page.APIRequest.GetAsync(address + "..%2Fmodels.yml")).Status);
            Assert.Equal(404, (await page.APIRequest.GetAsync(address + "nothing.html")).Status);
        });
    }

    private static string[] Split(string expression) => expression.Length == 0 ? [] : [expression];
}
