namespace ModelRunner.Core.Materializations;

/// <summary>Nothing in the database: the model is inlined as a CTE into each dependant at compile time.</summary>
public sealed class EphemeralMaterialization : IMaterialization
{
    public string Name => "ephemeral";
    public bool Executes => false;

    public BuildPlan Plan(PlanContext context) => BuildPlan.Nothing("EPHEMERAL (inlined)");
}
