using ModelRunner.TestSupport;

namespace ModelRunner.Events.Tests;

public class GeneratorIsDeterministicAndCoversEdgeCases
{
    private static readonly GeneratorOptions Options = new(Events: 20_000, Days: 10, Seed: 7,
        DuplicateRate: 0.01, LateWithinLookbackRate: 0.02, LateBeyondLookbackRate: 0.01, DeviceSentLateRate: 0.01, BotRate: 0.05, LongSessionRate: 0.02, OutsideAppFilterRate: 0.05);

    private static long Generate(TempProject project, GeneratorOptions options) =>
        new EventsGenerateService().Generate(project.Open(), options, onlyIfEmpty: false);

    /// <summary>A fingerprint of every row and column (order-independent).</summary>
    private static string Fingerprint(TempProject project) =>
        project.Query("select count(*) || ':' || sum(hash(e::VARCHAR)) from (select * exclude (load_tstamp) from atomic.events) e")[0];

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        using var first = new TempProject();
        using var second = new TempProject();
        using var third = new TempProject();
        Generate(first, Options);
        Generate(second, Options);
        Generate(third, Options with { Seed = 8 });
        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.NotEqual(Fingerprint(first), Fingerprint(third));
    }

    [Fact]
    public void Every_edge_case_is_present_at_about_its_rate()
    {
        using var project = new TempProject();
        var rows = Generate(project, Options);
        Assert.InRange(rows, 20_000, 20_000 * 1.02);
        long Count(string where) => long.Parse(project.Query($"select count(*) from atomic.events where {where}")[0]);

        Assert.InRange(Count("event_id in (select event_id from atomic.events group by 1 having count(*) > 1)"), 100, 600);
        Assert.True(Count("load_tstamp - collector_tstamp > interval 4 day") > 50, "events loaded beyond a lookback window");
        Assert.True(Count("load_tstamp - collector_tstamp between interval 1 hour and interval 1 day") > 100, "events loaded late within a lookback window");
        Assert.InRange(Count("dvce_sent_tstamp - dvce_created_tstamp > interval 3 day"), 100, 300);
        // derived_tstamp as Enrich derives it, for events sent on time and late alike
        Assert.Equal(0, Count("derived_tstamp <> collector_tstamp - (dvce_sent_tstamp - dvce_created_tstamp)"));
        Assert.True(Count("contexts_com_iab_snowplow_spiders_and_robots_1[1].spider_or_robot") > 100, "bots");
        Assert.True(Count("app_id = 'staging-site'") > 100, "app ids outside the usual filter");
        Assert.True(long.Parse(project.Query("select count(*) from (select domain_sessionid from atomic.events group by 1 "
            + "having max(collector_tstamp) - min(collector_tstamp) > interval 3 day)")[0]) > 0, "sessions longer than three days");
        Assert.True(Count("user_id is not null") > 0 && Count("user_id is null") > 0, "some sessions logged in");
    }

    [Fact]
    public void Web_and_mobile_events_carry_their_contexts_and_self_describing_events()
    {
        using var project = new TempProject();
        Generate(project, Options);
        long Count(string where) => long.Parse(project.Query($"select count(*) from atomic.events where {where}")[0]);
        Assert.Equal(0, Count("platform = 'web' and contexts_com_snowplowanalytics_snowplow_web_page_1[1].id is null"));
        // A context is written with the generator's fields set and the schema's others NULL (yauaa: 5 of 25 fields).
        Assert.Equal(0, Count("platform = 'web' and (contexts_nl_basjes_yauaa_context_1[1].agent_name_version is null "
            + "or contexts_nl_basjes_yauaa_context_1[1].device_name is not null or contexts_nl_basjes_yauaa_context_1[1].device_class is null)"));
        Assert.True(Count("event_name = 'page_ping' and pp_yoffset_max > pp_yoffset_min") > 1000);
        Assert.True(Count("event_name = 'web_vitals' and unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1.lcp > 0") > 100);
        Assert.True(Count("event_name = 'consent_preferences' and len(unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1.consent_scopes) > 0") > 0);
        Assert.True(Count("event_name = 'cmp_visible' and unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1.elapsed_time > 0") > 0);
        Assert.True(Count("mkt_campaign is not null and refr_medium is not null") > 0, "marketing parameters and referrers");
        Assert.Equal(0, Count("platform = 'mob' and contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_id is null"));
        Assert.True(Count("event_name = 'screen_view' and unstruct_event_com_snowplowanalytics_mobile_screen_view_1.name is not null") > 1000);
        Assert.True(Count("event_name = 'application_error'") > 0);
        // The contexts the mobile package reads when switched on: the screen (on screen views, the one they open),
        // the app's build and version, and where devices that share it are.
        Assert.Equal(0, Count("event_name = 'screen_view' and contexts_com_snowplowanalytics_mobile_screen_1[1].id "
            + "is distinct from unstruct_event_com_snowplowanalytics_mobile_screen_view_1.id"));
        Assert.Equal(0, Count("platform = 'mob' and contexts_com_snowplowanalytics_mobile_application_1[1].build is null"));
        Assert.True(Count("platform = 'mob' and contexts_com_snowplowanalytics_snowplow_geolocation_context_1[1].latitude between -90 and 90") > 1000);
        Assert.True(Count("platform = 'mob' and contexts_com_snowplowanalytics_snowplow_geolocation_context_1 is null") > 0, "devices that share no location");
        Assert.Equal(0, Count("platform = 'web' and (contexts_com_snowplowanalytics_mobile_application_1 is not null or contexts_com_snowplowanalytics_mobile_screen_1 is not null)"));
        // Installs: the first event of a device's first session, with its true time and the mobile vendor.
        Assert.True(Count("event_name = 'application_install' and platform = 'mob' and event_vendor = 'com.snowplowanalytics.mobile' "
            + "and true_tstamp = dvce_created_tstamp and contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_index = 1") > 0);
        Assert.Equal(0, Count("event_name = 'application_install' and contexts_com_snowplowanalytics_snowplow_client_session_1[1].session_index <> 1"));
        // v1 media (the older plugins): one media_player_event schema, on YouTube or an HTML5 video element, never with
        // the v2 contexts; some plays abandoned before the end.
        Assert.True(Count("event_name = 'media_player_event' and unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.type = 'play' "
            + "and contexts_com_snowplowanalytics_snowplow_media_player_1[1].duration > 0") > 20);
        Assert.True(Count("event_name = 'media_player_event' and contexts_com_youtube_youtube_1[1].player_id is not null") > 0);
        Assert.True(Count("event_name = 'media_player_event' and contexts_org_whatwg_media_element_1[1].html_id is not null "
            + "and contexts_org_whatwg_video_element_1[1].video_width = 1280") > 0);
        Assert.Equal(0, Count("event_name = 'media_player_event' and (contexts_com_snowplowanalytics_snowplow_media_player_2 is not null "
            + "or event_vendor <> 'com.snowplowanalytics.snowplow')"));
        var ended = Count("unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.type = 'ended'");
        var played = Count("unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1.type = 'play'");
        Assert.InRange(ended, played / 2, played - 1);
        // v2 media, on web pages and in apps: plays, pauses, seeks, buffering, rate changes, progress, and pre-roll ads
        // completed, skipped or clicked, with the player and session contexts (ads with the ad and ad break contexts).
        Assert.Equal(new[] { "10", "25", "50", "75" }, project.Query("select distinct unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1.percent_progress p "
            + "from atomic.events where event_name = 'percent_progress_event' order by p"));
        foreach (var media in new[] { "play_event", "pause_event", "seek_start_event", "seek_end_event", "buffer_start_event", "buffer_end_event",
                     "playback_rate_change_event", "end_event", "ad_start_event", "ad_complete_event", "ad_skip_event", "ad_click_event" })
            foreach (var platform in new[] { "web", "mob" })
                Assert.True(Count($"event_name = '{media}' and platform = '{platform}' and contexts_com_snowplowanalytics_snowplow_media_player_2[1].duration > 0 "
                    + "and contexts_com_snowplowanalytics_snowplow_media_session_1[1].media_session_id is not null") > 0, $"{media} on {platform}");
        Assert.Equal(0, Count("left(event_name, 3) = 'ad_' and (contexts_com_snowplowanalytics_snowplow_media_ad_1 is null "
            + "or contexts_com_snowplowanalytics_snowplow_media_ad_break_1 is null)"));
        // In an app, media events carry the screen they play on (the page view of the play) and the client session.
        Assert.Equal(0, Count("platform = 'mob' and event_vendor = 'com.snowplowanalytics.snowplow.media' and (contexts_com_snowplowanalytics_mobile_screen_1 is null "
            + "or contexts_com_snowplowanalytics_snowplow_client_session_1 is null)"));
        // Some media sessions are abandoned: they play but never end.
        var sessionsPlayed = Count("event_name = 'play_event' and contexts_com_snowplowanalytics_snowplow_media_player_2[1].current_time = 0");
        var sessionsEnded = Count("event_name = 'end_event'");
        Assert.InRange(sessionsEnded, sessionsPlayed / 2, sessionsPlayed - 1);
        // Page pings share the page view id of their page view.
        Assert.Equal("0", project.Query("select count(*) from (select contexts_com_snowplowanalytics_snowplow_web_page_1[1].id as pv "
            + "from atomic.events where platform = 'web' group by 1 having count(*) filter (where event_name = 'page_view') = 0)")[0]);
    }

    [Fact]
    public void Events_are_written_in_the_order_a_loader_appends_them()
    {
        using var project = new TempProject();
        Generate(project, Options);
        // Arrival order: each row loaded no earlier than the row before it, so the last days are the last row groups.
        Assert.Equal("0", project.Query("select count(*) from (select load_tstamp < lag(load_tstamp) over (order by rowid) as earlier "
            + "from atomic.events) where earlier")[0]);
        // The plan that orders events times them as their sessions start: a mobile session's first event is
        // collected within seconds of the start its client_session context reports.
        Assert.Equal("0", project.Query("select count(*) from atomic.events where platform = 'mob' "
            + "and contexts_com_snowplowanalytics_snowplow_client_session_1[1].event_index = 1 "
            + "and collector_tstamp - contexts_com_snowplowanalytics_snowplow_client_session_1[1].first_event_timestamp not between interval 0 second and interval 6 second")[0]);
        Assert.True(long.Parse(project.Query("select count(*) from atomic.events where platform = 'mob' "
            + "and contexts_com_snowplowanalytics_snowplow_client_session_1[1].event_index = 1")[0]) > 50);
    }
}
