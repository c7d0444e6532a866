using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

public enum DatabricksMethod { Odbc, Http }

/// <summary>How to authenticate: a personal access token, or OAuth machine-to-machine (client id and secret).</summary>
public abstract record DatabricksAuth
{
    public sealed record Token(string Value) : DatabricksAuth
    {
        public override string ToString() => "Token(***)";
    }

    public sealed record OAuthM2M(string ClientId, string ClientSecret) : DatabricksAuth
    {
        public override string ToString() => $"OAuthM2M({ClientId}, ***)";
    }
}

/// <summary>
/// A databricks target of profiles.yml, read and checked: every problem is reported at once, naming the setting,
/// and secrets never appear in messages or in ToString.
/// </summary>
public sealed record DatabricksTarget(
    string Host,
    string HttpPath,
    string? Catalog,
    string Schema,
    DatabricksAuth Auth,
    DatabricksMethod Method,
    string Driver,
    int Port,
    TimeSpan ConnectTimeout,
    TimeSpan QueryTimeout,
    int Retries,
    bool InsertReplaceOn = true)
{
    /// <summary>The driver's current name; the legacy Simba name is accepted too.</summary>
    public const string DefaultDriver = "Databricks ODBC Driver";
    public const string LegacyDriver = "Simba Spark ODBC Driver";

    public static DatabricksTarget Read(TargetSettings target)
    {
        var errors = new List<string>();
        string? Text(string key) => target.Settings.GetValueOrDefault(key) is { } v && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;
        int Number(string key, int fallback)
        {
            var text = Text(key);
            if (text is null) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
            errors.Add($"{key} must be a whole number, not '{text}'");
            return fallback;
        }

        var host = Text("host");
        if (host is null) errors.Add("host is required (the workspace host name, e.g. adb-1234567890123456.7.azuredatabricks.net)");
        else if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/'))
            errors.Add($"host must be a host name only, without scheme or path (got '{host}')");
        var httpPath = Text("http_path");
        if (httpPath is null) errors.Add("http_path is required (the SQL warehouse's HTTP path, e.g. /sql/1.0/warehouses/abc123)");
        var method = Text("method")?.ToLowerInvariant() switch
        {
            null or "odbc" => DatabricksMethod.Odbc,
            "http" => DatabricksMethod.Http,
            var other => Fail(DatabricksMethod.Odbc, $"method must be 'odbc' or 'http', not '{other}'"),
        };
        DatabricksAuth auth;
        var (token, clientId, clientSecret) = (Text("token"), Text("client_id"), Text("client_secret"));
        if (token is not null && (clientId is not null || clientSecret is not null))
            auth = Fail<DatabricksAuth>(new DatabricksAuth.Token(token), "give either token or client_id and client_secret, not both");
        else if (token is not null) auth = new DatabricksAuth.Token(token);
        else if (clientId is not null && clientSecret is not null) auth = new DatabricksAuth.OAuthM2M(clientId, clientSecret);
        else auth = Fail<DatabricksAuth>(new DatabricksAuth.Token(""), clientId is not null || clientSecret is not null
            ? "OAuth machine-to-machine needs both client_id and client_secret"
            : "no credentials: set token (a personal access token, e.g. token: \"{{ env_var('DATABRICKS_TOKEN') }}\") or client_id and client_secret");
        var driver = Text("driver") ?? DefaultDriver;
        var replaceOn = Text("insert_replace_on")?.ToLowerInvariant() switch
        {
            null or "true" => true,
            "false" => false,
            var other => Fail(true, $"insert_replace_on must be true or false, not '{other}'"),
        };

        var result = new DatabricksTarget(host ?? "", httpPath ?? "", target.Database, target.Schema, auth, method, driver,
            Number("port", 443), TimeSpan.FromSeconds(Number("connect_timeout", 30)),
            // Model builds run for minutes: ADO.NET's 30-second default would cut them off.
            TimeSpan.FromSeconds(Number("query_timeout", 3600)), Number("retries", 3), replaceOn);
        if (errors.Count > 0)
            throw new ProjectException(errors.Select(e => new Diagnostic($"target '{target.Name}': {e}", target.ProfilesFile)).ToList());
        return result;

        T Fail<T>(T value, string message)
        {
            errors.Add(message);
            return value;
        }
    }
}
