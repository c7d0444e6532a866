using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>Retries transient failures with exponential backoff; anything else, and the last failure, is an EngineException.</summary>
public sealed class RetryPolicy(int retries, TimeSpan firstDelay, Action<TimeSpan>? sleep = null)
{
    private readonly Action<TimeSpan> _sleep = sleep ?? Thread.Sleep;

    public int Attempts { get; private set; }

    public T Run<T>(Func<T> action)
    {
        var delay = firstDelay;
        for (var attempt = 0; ; attempt++)
        {
            Attempts++;
            try
            {
                return action();
            }
            catch (DatabricksFailure e) when (e.Transient && attempt < retries)
            {
                _sleep(delay);
                delay *= 2;
            }
            catch (DatabricksFailure e)
            {
                throw new EngineException(e.Transient ? $"{e.Message} (gave up after {attempt + 1} attempts)" : e.Message, e);
            }
        }
    }
}
