namespace ModelRunner.Databricks;

/// <summary>The settings a databricks target reads from profiles.yml.</summary>
public static class DatabricksSettings
{
    public static readonly IReadOnlyCollection<string> Known =
    [
        "host", "http_path", "catalog", "schema", "threads", "token", "client_id", "client_secret", "method", "driver",
        "port", "connect_timeout", "query_timeout", "retries", "insert_replace_on",
    ];
}
