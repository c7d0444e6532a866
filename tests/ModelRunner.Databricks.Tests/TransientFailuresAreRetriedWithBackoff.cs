using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks.Tests;

public class TransientFailuresAreRetriedWithBackoff
{
    private static DatabricksFailure Failure(string state, string message) =>
        new($"SQLSTATE {state}: {message}", state, OdbcErrors.IsTransient(state, message), new InvalidOperationException());

    [Fact]
    public void A_warehouse_that_is_starting_is_tried_again_with_growing_delays()
    {
        var delays = new List<TimeSpan>();
        var retry = new RetryPolicy(3, TimeSpan.FromSeconds(1), delays.Add);
        var calls = 0;
        var result = retry.Run(() => ++calls < 3 ? throw Failure("HY000", "TEMPORARILY_UNAVAILABLE: warehouse is starting") : "ok");
        Assert.Equal("ok", result);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public void A_lost_connection_gives_up_after_the_configured_retries()
    {
        var retry = new RetryPolicy(2, TimeSpan.Zero, _ => { });
        var error = Assert.Throws<EngineException>(() => retry.Run<int>(() => throw Failure("08S01", "communication link failure")));
        Assert.Contains("gave up after 3 attempts", error.Message);
        Assert.Equal(3, retry.Attempts);
    }

    [Fact]
    public void A_sql_error_is_never_retried()
    {
        var retry = new RetryPolicy(5, TimeSpan.Zero, _ => { });
        Assert.Throws<EngineException>(() => retry.Run<int>(() => throw Failure("42P01", "[TABLE_OR_VIEW_NOT_FOUND] x")));
        Assert.Equal(1, retry.Attempts);
    }
}
