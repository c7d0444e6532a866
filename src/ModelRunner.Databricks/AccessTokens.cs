using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>Bearer tokens for the HTTP transport: the personal access token, or OAuth M2M tokens fetched and renewed before they expire.</summary>
public static class AccessTokens
{
    public static Func<CancellationToken, Task<string>> For(DatabricksAuth auth, HttpClient http) => auth switch
    {
        DatabricksAuth.Token token => _ => Task.FromResult(token.Value),
        DatabricksAuth.OAuthM2M oauth => ClientCredentials(oauth, http),
        _ => throw new ArgumentOutOfRangeException(nameof(auth)),
    };

    private static Func<CancellationToken, Task<string>> ClientCredentials(DatabricksAuth.OAuthM2M oauth, HttpClient http)
    {
        string? current = null;
        var expires = DateTime.MinValue;
        var gate = new SemaphoreSlim(1, 1);
        return async cancel =>
        {
            await gate.WaitAsync(cancel);
            try
            {
                if (current is not null && DateTime.UtcNow < expires) return current;
                using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/v1/token")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "all-apis" }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{oauth.ClientId}:{oauth.ClientSecret}")));
                HttpResponseMessage sent;
                try { sent = await http.SendAsync(request, cancel); }
                catch (HttpRequestException e)
                {
                    // An unreachable host is a failure of the connection (retried, then a clear error), not a crash.
                    throw new DatabricksFailure($"cannot reach the workspace to fetch an OAuth token: {e.Message}", "08001", true, e);
                }
                catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
                {
                    throw new DatabricksFailure("fetching an OAuth token from the workspace timed out", "08001", true, e);
                }
                using var response = sent;
                if (!response.IsSuccessStatusCode)
                    throw new EngineException($"Databricks refused the OAuth client credentials of '{oauth.ClientId}' (HTTP {(int)response.StatusCode})");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel))!;
                current = body["access_token"]!.GetValue<string>();
                expires = DateTime.UtcNow.AddSeconds((body["expires_in"]?.GetValue<int>() ?? 3600) - 60);
                return current;
            }
            finally
            {
                gate.Release();
            }
        };
    }
}
