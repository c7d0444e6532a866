using System.Data.Odbc;

namespace ModelRunner.Databricks;

/// <summary>
/// The DSN-less ODBC connection string of the Databricks driver: host, port, HTTP path, TLS, HTTP transport,
/// authentication (3: token, 11: OAuth M2M), and native queries (we send Databricks SQL, not ODBC SQL). Values are
/// escaped by OdbcConnectionStringBuilder (braces around values holding ';' or '}').
/// </summary>
public static class OdbcConnectionString
{
    public static string Build(DatabricksTarget target)
    {
        var builder = new OdbcConnectionStringBuilder { Driver = target.Driver };
        builder["Host"] = target.Host;
        builder["Port"] = target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder["HTTPPath"] = target.HttpPath;
        builder["SSL"] = "1";
        builder["ThriftTransport"] = "2";
        builder["UseNativeQuery"] = "1";
        if (target.Catalog is not null) builder["Catalog"] = target.Catalog;
        builder["Schema"] = target.Schema;
        switch (target.Auth)
        {
            case DatabricksAuth.Token token:
                builder["AuthMech"] = "3";
                builder["UID"] = "token";
                builder["PWD"] = token.Value;
                break;
            case DatabricksAuth.OAuthM2M oauth:
                builder["AuthMech"] = "11";
                builder["Auth_Flow"] = "1";
                builder["Auth_Client_ID"] = oauth.ClientId;
                builder["Auth_Client_Secret"] = oauth.ClientSecret;
                break;
        }
        return builder.ConnectionString;
    }
}
