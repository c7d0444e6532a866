using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The conformance scripts' tool (tests/conformance/*.sh) on bad input: exit 2 and one line saying what is wrong, never a
/// stack trace. Runs the tool built beside the tests; a bad schedule is refused before anything runs.
/// </summary>
public class TheConformanceToolRefusesBadInput
{
    private static (int Code, string Output) Tool(string dataDirectory, string? schedule = null, string? vitalsSchedule = null)
    {
        var environment = new Dictionary<string, string>();
        if (schedule is not null) environment["MR_SCHEDULE"] = schedule;
        if (vitalsSchedule is not null) environment["MR_VITALS_SCHEDULE"] = vitalsSchedule;
        return ChildProcess.Run("dotnet", null, [Path.Combine(AppContext.BaseDirectory, "modelrunner-conformance.dll"), "web", dataDirectory,
            Path.Combine(Path.GetTempPath(), $"mr-conformance-bad-{Guid.NewGuid():N}.duckdb")], environment);
    }

    [Fact]
    public void A_folder_that_is_not_a_conformance_folder_exits_2_saying_what_it_lacks()
    {
        var (code, output) = Tool(Path.Combine(Path.GetTempPath(), "mr-no-such-conformance-folder"));
        Assert.Equal(2, code);
        Assert.Contains("not a conformance folder (it needs source/ and expected/", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableTheory]
    [InlineData("243", null)]
    [InlineData("243,0", null)]
    [InlineData(null, "ten,10")]
    public void A_malformed_schedule_exits_2_before_anything_runs(string? schedule, string? vitalsSchedule)
    {
        Skip.If(SharedData.ConformanceDirectory is null, SharedData.MissingReason);
        var (code, output) = Tool(SharedData.ConformanceDirectory!, schedule, vitalsSchedule);
        Assert.Equal(2, code);
        Assert.Contains("expected two positive day counts, FIRST,NEXT", output);
        Assert.Contains(schedule is null ? "MR_VITALS_SCHEDULE=" : "MR_SCHEDULE=", output);
        Assert.DoesNotContain("staged", output);
    }
}
