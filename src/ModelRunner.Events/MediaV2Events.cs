using static ModelRunner.Events.GeneratorSql;

namespace ModelRunner.Events;

/// <summary>
/// The v2 media events the generator writes (the per-event schemas of com.snowplowanalytics.snowplow.media with the
/// media player v2, media session, ad and ad break contexts), on web pages and in apps. Each watching session plays
/// one of three videos on the events after its second page view (web) or its ninth screen (app), with variety
/// decided per session: a pre-roll ad (completed, skipped or clicked), buffering, a playback rate change, a seek back,
/// a pause, muted play, and a third abandoned before the end. The media session context carries the tracker's
/// running totals (time played, paused, buffering, in ads; ads, skips, clicks), consistent with the events so far.
/// </summary>
internal sealed class MediaV2Events(long seed, Func<string, IReadOnlyDictionary<string, string>, string> structOf)
{
    /// <summary>Per-session choices, added to the sessions of the generator.</summary>
    public string SessionColumns() => $@"
    {Roll("v2-ad", "n", seed)} < 0.6 as v2_has_ad,
    {Roll("v2-skip", "n", seed)} < 0.35 as v2_ad_skipped,
    {Roll("v2-click", "n", seed)} < 0.15 as v2_ad_clicked,
    {Roll("v2-seek", "n", seed)} < 0.3 as v2_seeks,
    {Roll("v2-abandon", "n", seed)} < 0.3 as v2_abandons,
    case when {Roll("v2-variant", "n", seed)} < 0.25 then 'buffer' when {Roll("v2-variant", "n", seed)} < 0.45 then 'rate' else 'plain' end as v2_variant,
    hash(n, {seed}, 'v2-item') % 3 as v2_item,";

    /// <summary>The v2 media event at a place of a watching session, or null where it has none.</summary>
    public static string EventName(string seq) => $@"case {seq}
             when 9 then case when x.v2_has_ad then 'ad_start_event' end
             when 10 then case when x.v2_has_ad then case when x.v2_ad_clicked then 'ad_click_event' else 'ad_first_quartile_event' end end
             when 11 then case when x.v2_has_ad then case when x.v2_ad_skipped then 'ad_skip_event' else 'ad_midpoint_event' end end
             when 12 then case when x.v2_has_ad and not x.v2_ad_skipped then 'ad_complete_event' end
             when 13 then 'play_event'
             when 14 then case x.v2_variant when 'buffer' then 'buffer_start_event' when 'rate' then 'playback_rate_change_event' else 'ping_event' end
             when 15 then case when x.v2_variant = 'buffer' then 'buffer_end_event' else 'percent_progress_event' end
             when 17 then 'percent_progress_event'
             when 18 then case when x.v2_seeks then 'seek_start_event' else 'pause_event' end
             when 19 then case when x.v2_seeks then 'seek_end_event' else 'play_event' end
             when 20 then case when not x.v2_abandons then 'percent_progress_event' end
             when 21 then case when not x.v2_abandons then 'percent_progress_event' end
             when 22 then case when not x.v2_abandons then 'end_event' end
           end";

    // Where the content is at each place: 10 % at seq 15, 25 % at 17, 37.5 % when paused or seeking at 18, then after a
    // seek back to 12.5 % (sessions of even number) or forward to 45 % (odd), 50 % at 20, 75 % at 21, the end at 22.
    private const string Duration = "case v2_item when 0 then 240.0 when 1 then 600.0 else 96.0 end";
    private static string Position => $"case when seq < 13 then 0.0 when seq = 13 then 0.0 when seq = 14 then 0.05 when seq = 15 then 0.10 "
        + "when seq = 17 then 0.25 when seq = 18 then 0.375 when seq = 19 then case when not v2_seeks then 0.375 when session_no % 2 = 0 then 0.125 else 0.45 end "
        + $"when seq = 20 then 0.5 when seq = 21 then 0.75 else 1.0 end * ({Duration})";
    private const string SeeksBack = "(v2_seeks and session_no % 2 = 0)";
    private const string SeeksForward = "(v2_seeks and session_no % 2 = 1)";
    // Played so far: the position, plus what a seek back makes the viewer watch again, less what a seek forward skips.
    private static string Played => $"(case when seq < 13 then 0.0 else ({Position}) + case when {SeeksBack} and seq >= 20 then 0.25 * ({Duration}) "
        + $"when {SeeksForward} and seq >= 19 then -0.075 * ({Duration}) else 0.0 end end)";
    // Content watched, each second once: the furthest point reached, less what a seek forward skipped.
    private static string ContentWatched => $"(case when seq < 13 then 0.0 when {SeeksBack} and seq = 19 then 0.375 * ({Duration}) "
        + $"when {SeeksForward} and seq >= 19 then ({Position}) - 0.075 * ({Duration}) else {Position} end)";
    private const string Rate = "case when v2_variant = 'rate' and seq >= 14 then 1.5 else 1.0 end";
    private const string AdSeconds = "case when not v2_has_ad then 0.0 when v2_ad_skipped and seq >= 11 then 5.0 when seq >= 12 then 15.0 when seq >= 10 then 4.0 else 0.0 end";

    /// <summary>The v2 columns of atomic.events, each an expression over the event and its session (<paramref name="isV2"/>: it is a v2 media event).</summary>
    public IReadOnlyList<(string Column, string Expression)> Columns(string isV2, string onApp)
    {
        var label = "case v2_item when 0 then 'Product tour' when 1 then 'Customer story' else 'Release notes in 90 seconds' end";
        var player = structOf("contexts_com_snowplowanalytics_snowplow_media_player_2", new Dictionary<string, string>
        {
            ["current_time"] = Position, ["duration"] = Duration, ["ended"] = "event_name = 'end_event'", ["fullscreen"] = "false",
            ["livestream"] = "false", ["label"] = label, ["loop"] = "false", ["media_type"] = "'video'",
            ["muted"] = "plays_muted", ["paused"] = "event_name in ('pause_event', 'seek_start_event') or seq < 13", ["picture_in_picture"] = "false",
            ["playback_rate"] = Rate,
            ["player_type"] = $"case when {onApp} then case when user_no % 2 = 0 then 'com.apple-avplayer' else 'com.google.android-exoplayer' end "
                + "when on_youtube then 'com.youtube-youtube' else 'org.whatwg-media_element' end",
            ["quality"] = "case when v2_variant = 'buffer' and seq >= 15 then 'hd720' else 'hd1080' end",
            ["volume"] = "case when plays_muted then 0 else 80 end",
        });
        var session = structOf("contexts_com_snowplowanalytics_snowplow_media_session_1", new Dictionary<string, string>
        {
            ["media_session_id"] = Uuid("v2-media", "session_no", seed), ["started_at"] = "started_at", ["ping_interval"] = "30",
            ["time_played"] = Played, ["time_played_muted"] = $"case when plays_muted then {Played} else 0.0 end",
            ["time_paused"] = "case when not v2_seeks and seq >= 19 then 20.0 else 0.0 end",
            ["content_watched"] = ContentWatched,
            ["time_buffering"] = "case when v2_variant = 'buffer' and seq >= 15 then 3.0 else 0.0 end",
            ["time_spent_ads"] = AdSeconds,
            ["ads"] = "case when v2_has_ad then 1 else 0 end", ["ad_breaks"] = "case when v2_has_ad then 1 else 0 end",
            ["ads_skipped"] = "case when v2_has_ad and v2_ad_skipped and seq >= 11 then 1 else 0 end",
            ["ads_clicked"] = "case when v2_has_ad and v2_ad_clicked and seq >= 10 then 1 else 0 end",
            ["avg_playback_rate"] = "case when v2_variant = 'rate' and seq >= 15 then 1.25 else 1.0 end",
        });
        var ad = structOf("contexts_com_snowplowanalytics_snowplow_media_ad_1", new Dictionary<string, string>
        {
            ["name"] = "case when session_no % 2 = 0 then 'Spring sale pre-roll' else 'New app pre-roll' end",
            ["ad_id"] = "'ad-' || (session_no % 2)", ["creative_id"] = "'creative-' || (session_no % 4)",
            ["pod_position"] = "1", ["duration"] = "15.0", ["skippable"] = "true",
        });
        var adBreak = structOf("contexts_com_snowplowanalytics_snowplow_media_ad_break_1", new Dictionary<string, string>
            { ["name"] = "'pre-roll'", ["break_id"] = Uuid("v2-break", "session_no", seed), ["start_time"] = "0.0", ["break_type"] = "'linear'", ["pod_size"] = "1" });
        var progress = structOf("unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1", new Dictionary<string, string>
            { ["percent_progress"] = "case seq when 15 then 10 when 17 then 25 when 20 then 50 when 21 then 75 end" });
        var isAd = "left(event_name, 3) = 'ad_'";
        return
        [
            ("contexts_com_snowplowanalytics_snowplow_media_player_2", $"case when {isV2} then [{player}] end"),
            ("contexts_com_snowplowanalytics_snowplow_media_session_1", $"case when {isV2} then [{session}] end"),
            ("contexts_com_snowplowanalytics_snowplow_media_ad_1", $"case when {isV2} and {isAd} then [{ad}] end"),
            ("contexts_com_snowplowanalytics_snowplow_media_ad_break_1", $"case when {isV2} and {isAd} then [{adBreak}] end"),
            ("unstruct_event_com_snowplowanalytics_snowplow_media_percent_progress_event_1", $"case when event_name = 'percent_progress_event' then {progress} end"),
        ];
    }
}
