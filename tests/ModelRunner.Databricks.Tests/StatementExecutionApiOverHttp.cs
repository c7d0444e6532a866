using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// The driver-less transport against an in-process server that follows the documented contract of the SQL
/// Statement Execution API: pending → running → succeeded, failures as HTTP 200 with state FAILED, chunked results,
/// cancellation past the timeout, throttling, bearer tokens and OAuth M2M tokens.
/// </summary>
public class StatementExecutionApiOverHttp
{
    private sealed class FakeWarehouse(string expectedToken) : HttpMessageHandler
    {
        private readonly Dictionary<string, (string Sql, int Polls)> _statements = new();
        public List<string> Canceled { get; } = [];
        public List<JsonNode> Submitted { get; } = [];
        public int Busy { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath.TrimStart('/');
            if (path == "oidc/v1/token")
                return request.Headers.Authorization?.Parameter == Convert.ToBase64String(Encoding.UTF8.GetBytes("app:secret"))
                    ? Json(new JsonObject { ["access_token"] = expectedToken, ["token_type"] = "Bearer", ["expires_in"] = 3600 })
                    : new HttpResponseMessage(HttpStatusCode.Unauthorized);
            if (request.Headers.Authorization?.Parameter != expectedToken) return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            if (Busy > 0) { Busy--; return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable); }
            if (request.Method == HttpMethod.Post && path == "api/2.0/sql/statements")
            {
                var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
                Submitted.Add(body);
                var id = $"st-{_statements.Count}";
                _statements[id] = (body["statement"]!.GetValue<string>(), 0);
                return Json(Status(id));
            }
            var parts = path.Split('/');
            if (request.Method == HttpMethod.Post && parts[^1] == "cancel") { Canceled.Add(parts[^2]); return Json(new JsonObject()); }
            if (parts.Length == 8 && parts[6] == "chunks")
                return Json(new JsonObject { ["chunk_index"] = 1, ["data_array"] = new JsonArray(new JsonArray("3", null)) });
            var (sql, polls) = _statements[parts[4]];
            _statements[parts[4]] = (sql, polls + 1);
            return Json(Status(parts[4]));
        }

        private JsonObject Status(string id)
        {
            var (sql, polls) = _statements[id];
            var state = sql.Contains("forever") ? "PENDING"
                : sql.Contains("slow") && polls < 2 ? (polls == 0 ? "PENDING" : "RUNNING")
                : sql.Contains("fail") ? "FAILED" : "SUCCEEDED";
            var response = new JsonObject { ["statement_id"] = id, ["status"] = new JsonObject { ["state"] = state } };
            if (state == "FAILED")
                response["status"]!["error"] = new JsonObject { ["error_code"] = "BAD_REQUEST", ["message"] = "[TABLE_OR_VIEW_NOT_FOUND] The table `nope` cannot be found." };
            if (state == "SUCCEEDED")
            {
                var chunked = sql.Contains("chunked");
                response["manifest"] = new JsonObject
                {
                    ["schema"] = new JsonObject { ["columns"] = new JsonArray(
                        new JsonObject { ["name"] = "n", ["type_name"] = "LONG" }, new JsonObject { ["name"] = "label", ["type_name"] = "STRING" }) },
                    ["total_chunk_count"] = chunked ? 2 : 1,
                };
                var result = new JsonObject { ["chunk_index"] = 0, ["data_array"] = new JsonArray(new JsonArray("1", "one"), new JsonArray("2", "two")) };
                if (chunked) result["next_chunk_index"] = 1;
                response["result"] = result;
            }
            return response;
        }

        private static HttpResponseMessage Json(JsonNode body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private static (StatementExecutionClient Client, FakeWarehouse Server, RetryPolicy Retry) Connect(DatabricksAuth? auth = null, TimeSpan? timeout = null)
    {
        var server = new FakeWarehouse("dapi-test");
        var http = new HttpClient(server) { BaseAddress = new Uri("https://adb-1.example/") };
        var retry = new RetryPolicy(2, TimeSpan.Zero, _ => { });
        var client = new StatementExecutionClient(http, "abc123", "main", "analytics", AccessTokens.For(auth ?? new DatabricksAuth.Token("dapi-test"), http),
            timeout ?? TimeSpan.FromMinutes(1), retry, TimeSpan.FromMilliseconds(1));
        return (client, server, retry);
    }

    [Fact]
    public void A_statement_is_polled_from_pending_through_running_to_its_rows()
    {
        var (client, server, _) = Connect();
        var result = client.Query("select n, label from slow_table where n > ?", null, 0);
        Assert.Equal(["n", "label"], result.Columns);
        Assert.Equal([1L, "one"], result.Rows[0]);
        var body = server.Submitted.Single();
        Assert.Equal("select n, label from slow_table where n > :p0", body["statement"]!.GetValue<string>());
        Assert.Equal(("abc123", "main", "analytics", "INLINE", "JSON_ARRAY"), (body["warehouse_id"]!.GetValue<string>(), body["catalog"]!.GetValue<string>(),
            body["schema"]!.GetValue<string>(), body["disposition"]!.GetValue<string>(), body["format"]!.GetValue<string>()));
        Assert.Equal("0", body["parameters"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Chunked_results_are_fetched_to_the_last_chunk()
    {
        var (client, _, _) = Connect();
        var rows = client.Query("select * from chunked").Rows;
        Assert.Equal(3, rows.Count);
        Assert.Equal(3L, rows[2][0]);
        Assert.Null(rows[2][1]);
    }

    [Fact]
    public void A_failed_statement_answered_with_http_200_is_an_error_and_not_retried()
    {
        var (client, _, retry) = Connect();
        var error = Assert.Throws<EngineException>(() => client.Execute("select * from fail_here"));
        Assert.Contains("TABLE_OR_VIEW_NOT_FOUND", error.Message);
        Assert.Equal(1, retry.Attempts);
    }

    [Fact]
    public void A_statement_past_the_query_timeout_is_canceled()
    {
        var (client, server, _) = Connect(timeout: TimeSpan.FromMilliseconds(50));
        var error = Assert.Throws<EngineException>(() => client.Execute("select forever"));
        Assert.Contains("was canceled", error.Message);
        Assert.Equal(["st-0"], server.Canceled);
    }

    [Fact]
    public void A_cancelled_run_cancels_the_running_statement_on_the_warehouse()
    {
        var (client, server, _) = Connect(timeout: TimeSpan.FromMinutes(10));
        var running = Task.Run(() => client.Execute("select forever"));
        // Whether the cancel arrives before the statement is sent or while it runs (a loaded machine decides), it is not lost.
        Thread.Sleep(Random.Shared.Next(0, 200));
        client.Cancel();
        var error = Assert.Throws<EngineException>(() => running.GetAwaiter().GetResult());
        Assert.Contains("was interrupted", error.Message);
        Assert.Equal(["st-0"], server.Canceled);
        Assert.NotEmpty(client.Query("select 1").Rows); // the next statement runs as usual
    }

    [Fact]
    public void A_cancel_that_arrives_just_before_a_statement_starts_still_cancels_it()
    {
        var (client, server, _) = Connect(timeout: TimeSpan.FromMinutes(10));
        client.Cancel();
        var error = Assert.Throws<EngineException>(() => client.Execute("select forever"));
        Assert.Contains("was interrupted", error.Message);
        Assert.Equal(["st-0"], server.Canceled);
        Assert.NotEmpty(client.Query("select 1").Rows); // the cancel is spent
    }

    [Fact]
    public void A_busy_warehouse_is_retried()
    {
        var (client, server, retry) = Connect();
        server.Busy = 1;
        Assert.Equal(2, client.Execute("insert into t values (1)"));
        Assert.Equal(2, retry.Attempts);
    }

    [Fact]
    public void OAuth_machine_to_machine_fetches_a_token_and_wrong_credentials_are_refused()
    {
        var (client, _, _) = Connect(new DatabricksAuth.OAuthM2M("app", "secret"));
        Assert.Single(client.Query("select 1").Rows.Take(1));
        var (refused, _, _) = Connect(new DatabricksAuth.OAuthM2M("app", "wrong"));
        Assert.Contains("refused the OAuth client credentials of 'app'", Assert.Throws<EngineException>(() => refused.Execute("select 1")).Message);
    }

    [Fact]
    public void An_unreachable_host_for_oauth_is_a_clear_engine_error_after_the_retries()
    {
        // A port on this machine where nothing listens: the connection is refused at once.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var retry = new RetryPolicy(2, TimeSpan.Zero, _ => { });
        var client = new StatementExecutionClient(http, "abc123", "main", "analytics", AccessTokens.For(new DatabricksAuth.OAuthM2M("app", "secret"), http),
            TimeSpan.FromMinutes(1), retry, TimeSpan.FromMilliseconds(1));
        var error = Assert.Throws<EngineException>(() => client.Execute("select 1"));
        Assert.Contains("cannot reach the workspace to fetch an OAuth token", error.Message);
        Assert.Contains("gave up after 3 attempts", error.Message);
    }

    [Fact]
    public void The_warehouse_id_comes_from_the_http_path() =>
        Assert.Equal("abc123", DatabricksEngine.WarehouseId("/sql/1.0/warehouses/abc123/"));
}
