using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

/// <summary>The events benchmark computes the generator's rows without writing them, to weigh computing against writing.</summary>
public class EvaluatingTheGeneratorWritesNothing
{
    [Fact]
    public void Evaluating_the_rows_of_a_generation_leaves_the_events_as_they_were()
    {
        using var project = new TempProject();
        var options = new GeneratorOptions(Events: 5_000, Days: 3, Seed: 11);
        var service = new EventsGenerateService();
        service.Generate(project.Open(), options with { Seed = 12 }, onlyIfEmpty: false);
        var before = project.Query("select count(*) || ':' || sum(hash(e::VARCHAR)) from atomic.events e")[0];

        service.Evaluate(project.Open(), options);

        Assert.Equal(before, project.Query("select count(*) || ':' || sum(hash(e::VARCHAR)) from atomic.events e")[0]);
    }
}
