using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>
/// The driver-less transport (<c>method: http</c>): Databricks' SQL Statement Execution API over HttpClient. A
/// statement is submitted (POST /api/2.0/sql/statements, waiting up to 10 s), then polled (GET …/{id}) until it
/// succeeds, fails (a failure is HTTP 200 with state FAILED), is canceled or runs past the query timeout — then it
/// is canceled (POST …/{id}/cancel). Results come inline as JSON arrays, in chunks (GET …/result/chunks/{n}).
/// Throttling and a starting warehouse (429, 503) are retried; authentication errors and SQL errors are not.
/// </summary>
public sealed class StatementExecutionClient(HttpClient http, string warehouseId, string? catalog, string schema,
    Func<CancellationToken, Task<string>> accessToken, TimeSpan queryTimeout, RetryPolicy retry, TimeSpan? pollInterval = null) : IStatementClient
{
    private const string Statements = "api/2.0/sql/statements";
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(1);

    public long Execute(string sql, params object?[] parameters) => Run(sql, null, parameters).Rows.Count;

    public QueryResult Query(string sql, int? maxRows = null, params object?[] parameters) => Run(sql, maxRows, parameters);

    private QueryResult Run(string sql, int? maxRows, object?[] parameters) => retry.Run(() => RunOnce(sql, maxRows, parameters).GetAwaiter().GetResult());

    // Set by Cancel (another thread): the poll loop of the statement running, or of the next one when the request came
    // just before it started (it is not reset when a statement starts, so a cancel is never lost), cancels it on the
    // warehouse, and the flag is spent.
    private volatile bool _cancelRequested;

    public void Cancel() => _cancelRequested = true;

    private async Task<QueryResult> RunOnce(string sql, int? maxRows, object?[] parameters)
    {
        var (text, named) = Named(sql, parameters);
        var body = new JsonObject
        {
            ["statement"] = text, ["warehouse_id"] = warehouseId, ["schema"] = schema, ["wait_timeout"] = "10s",
            ["on_wait_timeout"] = "CONTINUE", ["disposition"] = "INLINE", ["format"] = "JSON_ARRAY", ["parameters"] = named,
        };
        if (catalog is not null) body["catalog"] = catalog;
        if (maxRows is not null) body["row_limit"] = maxRows;
        var deadline = DateTime.UtcNow + queryTimeout;
        var response = await Send(HttpMethod.Post, Statements, body);
        var id = response["statement_id"]?.GetValue<string>() ?? throw new EngineException("the warehouse answered without a statement_id");
        while (State(response) is "PENDING" or "RUNNING")
        {
            if (_cancelRequested)
            {
                _cancelRequested = false;
                await Send(HttpMethod.Post, $"{Statements}/{id}/cancel", null);
                throw new EngineException($"statement {id} was interrupted: the run was cancelled, and the warehouse was told to cancel it");
            }
            if (DateTime.UtcNow >= deadline)
            {
                await Send(HttpMethod.Post, $"{Statements}/{id}/cancel", null);
                throw new EngineException($"statement {id} ran longer than query_timeout ({queryTimeout.TotalSeconds:0} s) and was canceled");
            }
            await Task.Delay(_poll);
            response = await Send(HttpMethod.Get, $"{Statements}/{id}", null);
        }
        switch (State(response))
        {
            case "SUCCEEDED":
                return await Result(id, response);
            case "FAILED":
                var error = response["status"]?["error"];
                var state = response["status"]?["sql_state"]?.GetValue<string>() ?? error?["sql_state"]?.GetValue<string>() ?? "";
                var message = error?["message"]?.GetValue<string>() ?? "the statement failed";
                throw new DatabricksFailure($"SQLSTATE {state}: {message}", state, OdbcErrors.IsTransient(state, message), new InvalidOperationException(message));
            default:
                throw new EngineException($"statement {id} ended {State(response)}");
        }
    }

    private async Task<QueryResult> Result(string id, JsonNode response)
    {
        var columns = (response["manifest"]?["schema"]?["columns"]?.AsArray() ?? [])
            .Select(c => (Name: c!["name"]!.GetValue<string>(), Type: c["type_name"]?.GetValue<string>() ?? "STRING")).ToList();
        var rows = new List<object?[]>();
        var chunk = response["result"];
        while (chunk is not null)
        {
            foreach (var row in chunk["data_array"]?.AsArray() ?? [])
                rows.Add(row!.AsArray().Select((cell, i) => Value(cell?.GetValue<string>(), columns[i].Type)).ToArray());
            var next = chunk["next_chunk_index"]?.GetValue<int>();
            chunk = next is null ? null : await Send(HttpMethod.Get, $"{Statements}/{id}/result/chunks/{next}", null);
        }
        return new QueryResult(columns.Select(c => c.Name).ToList(), rows);
    }

    private async Task<JsonNode> Send(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(CancellationToken.None));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await http.SendAsync(request); }
        catch (HttpRequestException e) { throw new DatabricksFailure($"cannot reach the workspace: {e.Message}", "08001", true, e); }
        catch (TaskCanceledException e) { throw new DatabricksFailure("the request to the workspace timed out", "08001", true, e); }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new EngineException($"Databricks refused the credentials (HTTP {status}): check the token, or the client id and secret");
            if (status is 429 or 503)
                throw new DatabricksFailure($"the warehouse is busy or starting (HTTP {status})", "HY000", true, new HttpRequestException(text));
            if (!response.IsSuccessStatusCode)
                throw new EngineException($"HTTP {status} from {path}: {Message(text)}");
            return JsonNode.Parse(text) ?? new JsonObject();
        }
    }

    private static string? State(JsonNode response) => response["status"]?["state"]?.GetValue<string>();

    private static string Message(string text)
    {
        try { return JsonNode.Parse(text)?["message"]?.GetValue<string>() ?? text; }
        catch (JsonException) { return text; }
    }

    /// <summary>'?' markers become named ones (:p0, :p1, …), the API's form; values are sent as text.</summary>
    private static (string Sql, JsonArray Parameters) Named(string sql, object?[] values)
    {
        var text = new StringBuilder();
        var index = 0;
        foreach (var c in sql)
        {
            if (c == '?' && index < values.Length) text.Append(":p").Append(index++);
            else text.Append(c);
        }
        var parameters = new JsonArray();
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = new JsonObject { ["name"] = $"p{i}" };
            if (values[i] is { } v) parameter["value"] = Convert.ToString(v, CultureInfo.InvariantCulture);
            parameters.Add((JsonNode)parameter);
        }
        return (text.ToString(), parameters);
    }

    /// <summary>JSON_ARRAY cells are text; the manifest's type names say what they hold.</summary>
    private static object? Value(string? text, string type) => text is null ? null : type.ToUpperInvariant() switch
    {
        "BYTE" or "SHORT" or "INT" or "LONG" => long.Parse(text, CultureInfo.InvariantCulture),
        "FLOAT" or "DOUBLE" => double.Parse(text, CultureInfo.InvariantCulture),
        "DECIMAL" => decimal.Parse(text, CultureInfo.InvariantCulture),
        "BOOLEAN" => bool.Parse(text),
        "TIMESTAMP" or "TIMESTAMP_NTZ" => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => text,
    };

    public void Dispose() { }
}
