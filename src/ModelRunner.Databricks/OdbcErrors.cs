using System.Data.Odbc;
using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>A failure talking to Databricks (ODBC or HTTP), with its SQLSTATE, and whether trying again may help.</summary>
public sealed class DatabricksFailure(string message, string sqlState, bool transient, Exception inner)
    : Exception(message, inner)
{
    public string SqlState { get; } = sqlState;
    public bool Transient { get; } = transient;
}

/// <summary>Turns driver errors into messages a user can act on.</summary>
public static class OdbcErrors
{
    public static Exception Map(OdbcException e, string driver)
    {
        var state = e.Errors.Count > 0 ? e.Errors[0].SQLState : "";
        var message = string.Join("; ", e.Errors.Cast<OdbcError>().Select(err => err.Message).Distinct());
        // IM002/IM003 and "can't open lib": the driver manager found no such driver. A setup problem, like a missing
        // driver manager: nothing ran, so it is a project error (exit 2), not a failed node.
        if (state is "IM002" or "IM003" || message.Contains("Can't open lib", StringComparison.OrdinalIgnoreCase))
            return new ModelRunner.Core.Diagnostics.ProjectException($"the ODBC driver '{driver}' is not installed or not registered with the driver manager (SQLSTATE {state}). "
                + "Install the Databricks ODBC driver (https://www.databricks.com/spark/odbc-drivers-download) and register it in "
                + $"odbcinst.ini under [{driver}], or set driver: to the name it is registered under (`odbcinst -q -d` lists them).");
        if (state == "28000" || message.Contains("401", StringComparison.Ordinal) || message.Contains("Unauthorized", StringComparison.OrdinalIgnoreCase))
            return new EngineException($"Databricks refused the credentials (SQLSTATE {state}): check the token, or the client id and secret. {message}", e);
        return new DatabricksFailure($"SQLSTATE {state}: {message}", state, IsTransient(state, message), e);
    }

    /// <summary>Connection failures, timeouts, a warehouse still starting and throttling; never a SQL error.</summary>
    public static bool IsTransient(string state, string message) =>
        state.StartsWith("08", StringComparison.Ordinal) || state == "HYT00" || state == "HYT01"
        || message.Contains("TEMPORARILY_UNAVAILABLE", StringComparison.OrdinalIgnoreCase)
        || message.Contains("503", StringComparison.Ordinal) || message.Contains("429", StringComparison.Ordinal);
}
