namespace ModelRunner.Conformance;

/// <summary>
/// Another run schedule of a scenario's data: a first full refresh over <paramref name="FirstBackfillDays"/>, then plain
/// runs of <paramref name="BackfillDays"/> each until the package's manifest stops moving
/// (<see cref="ScenarioRunner.ExecuteUntilCaughtUp"/>). The tables must end up the same.
/// </summary>
public sealed record RunSchedule(int FirstBackfillDays, int BackfillDays);
