using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;
using ModelRunner.TestSupport;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// On Databricks, every read of atomic.events by a Snowplow package carries a predicate on the Lake Loader's partition
/// column (load_tstamp_date), from the run's lower bound: an event is loaded after it is collected, so no partition
/// before that day can hold an event of the run. A table laid out otherwise turns it off with an empty variable.
/// </summary>
public class EventsReadsPruneLakeLoaderPartitions
{
    private static string Compiled(string model, string? vars = null)
    {
        var workspace = Workspace.Open(new WorkspaceOptions(SharedData.RepositoryRoot, null, "databricks", vars, new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, PartialParse: false), new EngineRegistry([new DuckDbEngineFactory(), new DatabricksEngineFactory()]));
        return workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).Compile(workspace.Dag.ByName[model]).Sql;
    }

    [Theory]
    [InlineData("snowplow_web_base_event_rows_this_run", "bounds.lower_bound")]
    [InlineData("snowplow_web_base_events_this_run", "(select min(collector_tstamp) from `main`.`analytics_scratch`.`snowplow_web_base_event_rows_this_run`)")]
    [InlineData("snowplow_web_base_sessions_lifecycle_manifest", "limits.lower_limit")]
    [InlineData("snowplow_mobile_base_event_rows_this_run", "bounds.lower_bound")]
    [InlineData("snowplow_mobile_base_events_this_run", "(select min(collector_tstamp) from `main`.`analytics_scratch`.`snowplow_mobile_base_event_rows_this_run`)")]
    [InlineData("snowplow_mobile_base_sessions_lifecycle_manifest", "limits.lower_limit")]
    [InlineData("snowplow_media_player_v2_events_this_run", "timestampadd(DAY, -3, limits.lower_limit)")]
    public void Each_read_of_the_events_names_the_partitions_from_the_runs_first_day(string model, string lower)
    {
        Assert.Contains($"and e.load_tstamp_date >= cast({lower} as date)", Compiled(model));
    }

    [Fact]
    public void An_empty_partition_column_leaves_the_predicate_out()
    {
        Assert.DoesNotContain("load_tstamp_date", Compiled("snowplow_web_base_events_this_run", "{snowplow_web: {snowplow__events_partition_date: ''}}"));
        Assert.Contains("e.event_date >= cast(", Compiled("snowplow_web_base_events_this_run", "{snowplow_web: {snowplow__events_partition_date: event_date}}"));
    }
}
