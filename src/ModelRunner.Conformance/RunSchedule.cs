namespace ModelRunner.Conformance;

/// <summary>
/// Another run schedule of a scenario's data: a first full refresh over <paramref name="FirstBackfillDays"/>, then plain
/// runs of <paramref name="BackfillDays"/> each until the package's manifest stops moving. The tables must end up the same.
/// </summary>
public sealed record RunSchedule(int FirstBackfillDays, int BackfillDays)
{
    /// <summary>Runs <paramref name="run"/> (given its number, from 2) until <paramref name="watermark"/> reads the same twice.</summary>
    public static void UntilCaughtUp(Action<int> run, Func<string?> watermark)
    {
        string? last = null;
        for (var number = 2; number < 400; number++)
        {
            run(number);
            var now = watermark();
            if (now == last) return;
            last = now;
        }
        throw new InvalidOperationException("the manifest still moved after 400 runs");
    }
}
