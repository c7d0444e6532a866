namespace ModelRunner.Events.Tests;

public class SchemasAreData
{
    private static readonly SchemaCatalog Catalog = SchemaCatalogLoader.LoadEmbedded();

    [Fact]
    public void The_standard_columns_are_the_129_of_the_enriched_event() =>
        Assert.Equal(129, Catalog.AtomicColumns.Length);

    [Theory]
    [InlineData("contexts_com_snowplowanalytics_snowplow_web_page_1")]
    [InlineData("contexts_com_iab_snowplow_spiders_and_robots_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_ua_parser_context_1")]
    [InlineData("contexts_nl_basjes_yauaa_context_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_client_session_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_mobile_screen_view_1")]
    [InlineData("contexts_com_snowplowanalytics_mobile_screen_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_mobile_context_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_geolocation_context_1")]
    [InlineData("contexts_com_snowplowanalytics_mobile_application_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_application_error_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_media_player_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_media_player_2")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_media_session_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_media_ad_1")]
    [InlineData("contexts_com_snowplowanalytics_snowplow_media_ad_break_1")]
    [InlineData("unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1")]
    [InlineData("contexts_com_youtube_youtube_1")]
    [InlineData("contexts_org_whatwg_media_element_1")]
    [InlineData("contexts_org_whatwg_video_element_1")]
    public void Each_schema_file_becomes_a_column_named_as_the_Databricks_loader_names_it(string column) =>
        Assert.NotNull(Catalog.ForColumn(column));

    [Theory]
    [InlineData("deviceCpuBits", "device_cpu_bits")]
    [InlineData("spiderOrRobot", "spider_or_robot")]
    [InlineData("iECompatibilityVersion", "i_e_compatibility_version")]
    [InlineData("gSAInstallationID", "g_sa_installation_id")]
    [InlineData("elapsed_time", "elapsed_time")]
    public void Field_names_are_snake_cased_like_Snowplows_loader(string json, string column) =>
        Assert.Equal(column, EventSchema.SnakeCase(json));

    [Fact]
    public void A_flattened_csv_column_and_an_iglu_uri_find_their_schema()
    {
        Assert.Equal("web_page", Catalog.ForColumn("contexts_com_snowplowanalytics_snowplow_web_page_1_0_0")!.Name);
        Assert.Equal("yauaa_context", Catalog.ForIglu("iglu:nl.basjes/yauaa_context/jsonschema/1-0-4")!.Name);
        Assert.Null(Catalog.ForIglu("iglu:nl.basjes/yauaa_context/jsonschema/2-0-0"));
    }
}
