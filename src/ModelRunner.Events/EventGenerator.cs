using System.Globalization;
using static ModelRunner.Events.GeneratorSql;
using ModelRunner.Core.Engines;

namespace ModelRunner.Events;

/// <summary>
/// Generates realistic Snowplow events straight into atomic.events with one set-based INSERT … SELECT over
/// DuckDB's range(): web sessions (page views every 8 events with page pings, link clicks, web vitals, consent and
/// CMP events, marketing parameters on landing pages, logged-in users, videos with ads, progress, pauses and
/// seeks), mobile sessions (client_session, mobile, application and geolocation contexts, screen views with their screen
/// context, application errors), and edge cases at configurable rates (duplicate event ids, late events inside and
/// beyond a lookback window, bots, sessions longer than three days, app ids outside the usual filter).
/// </summary>
public sealed class EventGenerator(IEngineSession session, AtomicEventsStore store, SchemaCatalog catalog)
{
    public long Generate(GeneratorOptions o)
    {
        var before = Count();
        WithPlan(o, () => session.Execute($"insert into {store.TableSql} by name\n{Query(o, inLoadOrder: true)}"));
        return Count() - before;
    }

    /// <summary>
    /// Computes the rows <see cref="Generate"/> would write, every column of every row, and writes nothing: what the
    /// rows cost apart from writing them (the events benchmark's floor of the generator), in no particular order.
    /// </summary>
    public void Evaluate(GeneratorOptions o) =>
        WithPlan(o, () => session.Query($"select count(columns(*)) from (\n{Query(o, inLoadOrder: false)})"));

    private void WithPlan(GeneratorOptions o, Action generate)
    {
        // Events are planned first in a narrow table (numbers, session and page, time of collection and of loading),
        // then joined to their sessions and pages, sorted by load time and the wide rows derived from them: atomic.events is written
        // in arrival order, as a loader's appends do, so a run reading the last days skips the other row groups by
        // their min and max. The sort is also what makes the insert cheap: DuckDB appends an ordered source in
        // batches, each row group compressed once as it fills (BATCH_INSERT), where a join's unordered rows go
        // through its parallel insert, which at 1M events cost 1.75 times the CPU of the sort and the batches together
        // (the wide rows themselves sorted would cost 4-5 s more). The plan is a table so that it is scanned in
        // parallel (range() yields its rows on one thread), and every later stage uses all cores.
        session.Execute($"create or replace temp table {SessionPlan.Table} as\n{SessionPlan.Sql(o)}");
        try
        {
            session.Execute($"create or replace temp table {PlanTable} as\n{EventPlan.Sql(o)}");
            generate();
        }
        finally
        {
            session.Execute($"drop table if exists {PlanTable}");
            session.Execute($"drop table if exists {SessionPlan.Table}");
        }
    }

    private const string PlanTable = "__mr_event_plan";

    private long Count() => Convert.ToInt64(session.Query($"select count(*) from {store.TableSql}").Rows[0][0], CultureInfo.InvariantCulture);

    /// <summary>
    /// A schema's struct with only the fields given (each cast to its type): the query casts each such column to its
    /// full type once, at the end (<see cref="Typed"/>), which fills the other fields with NULL far cheaper than NULL
    /// fields carried through the list and the CASE around each struct (the yauaa context, 5 of its 25 fields given:
    /// 0.14 CPU-s at 1M events against 0.37).
    /// </summary>
    private string PartialStruct(string schemaColumn, IReadOnlyDictionary<string, string> values)
    {
        var schema = catalog.ForColumn(schemaColumn) ?? throw new InvalidOperationException($"no schema for {schemaColumn}");
        var unknown = values.Keys.Where(k => schema.Fields.All(f => f.ColumnName != k)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"{schemaColumn} has no field {string.Join(", ", unknown)}");
        return "struct_pack(" + string.Join(", ", schema.Fields.Where(f => values.ContainsKey(f.ColumnName)).Select(f =>
            $"\"{f.ColumnName}\" := ({values[f.ColumnName]})::{DuckDbEventsSql.SqlType(f.Type)}")) + ")";
    }

    /// <summary>Each schema column built of <see cref="PartialStruct"/>s, cast to its type in atomic.events.</summary>
    private string Typed(IEnumerable<string> columns) =>
        string.Join(",\n  ", columns.Select(c => $"{c}::{store.Sql.ColumnType(catalog.ForColumn(c) ?? throw new InvalidOperationException($"no schema for {c}"))} as {c}"));

    // The event that carries a web session's referrer and marketing parameters: its landing page view.
    private const string Landing = "seq = 0 and not is_mobile";

    private string Query(GeneratorOptions o, bool inLoadOrder)
    {
        var s = o.Seed;
        var built = new List<string>();
        string Struct(string schemaColumn, IReadOnlyDictionary<string, string> values)
        {
            built.Add(schemaColumn);
            return PartialStruct(schemaColumn, values);
        }
        var media = new MediaV2Events(s, Struct);
        var sessions = $@"
sessions as (
  select session_no, user_no, watches_media, per_page, started_at, first_event, session_index,
    {Roll("mobile", "user_no", s)} < {F(o.MobileShare)} as is_mobile,
    {Roll("bot", "n", s)} < {F(o.BotRate)} as is_bot,
    {Roll("outside", "n", s)} < {F(o.OutsideAppFilterRate)} as is_outside,
    -- half the videos are tracked by the older v1 media plugins (one media_player_event schema), on YouTube or HTML5
    {Roll("media-v1", "n", s)} < 0.5 as media_v1,
    {Roll("youtube", "n", s)} < 0.6 as on_youtube,
    {Roll("muted", "n", s)} < 0.2 as plays_muted,{media.SessionColumns()}{MarketingChannels.SessionColumns("n", s)}
  from (select *, session_no as n from {SessionPlan.Table})),
{MarketingChannels.SourcesCte()},
-- everything that is the same for all events of a session (its user, device) is computed once here; the contexts
-- built from it are built per event (in generated): a list carried through the join to every event costs more; the
-- session's ids stay UUID values (16 bytes, not 36 characters) through the sort, written as text in generated
session_attributes as (
  select x.*, cs.* exclude (channel, source_no),
    {UuidValue("sess", "session_no", s)} as domain_sessionid,
    {UuidValue("duid", "user_no", s)} as domain_userid,
    {UuidValue("nuid", "user_no", s)} as network_userid,
    {UuidValue("device", "user_no", s)} as device_user_id,
    {UuidValue("ev", "first_event", s)} as first_event_uuid,
    case when {Roll("login", "user_no", s)} < {F(o.LoggedInShare)} then 'user-' || user_no end as user_id,
    {Pick("browser", "user_no", s, "Chrome", "Safari", "Firefox", "Edge", "Samsung Internet")} as browser,
    {Pick("os", "user_no", s, "Windows", "macOS", "iOS", "Android", "Linux")} as os,
    {Pick("device", "user_no", s, "Desktop", "Desktop", "Phone", "Tablet")} as device_class,
    {Pick("country", "user_no", s, "US", "GB", "DE", "FR", "AU", "BR", "JP", "IN", "CA", "NL")} as country,
    {Pick("lang", "user_no", s, "en-US", "en-GB", "de-DE", "fr-FR", "pt-BR", "ja-JP", "nl-NL")} as lang
  from sessions x {MarketingChannels.Join}),
-- the user's address and user agent, from the session's own fields (text built once per session, not per event)
session_texts as (
  select *,
    '10.' || (user_no % 250) || '.' || (user_no // 250 % 250) || '.1' as user_ipaddress,
    case when is_bot then 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
         else 'Mozilla/5.0 (' || os || ') ' || browser || '/' || (100 + user_no % 20) end as useragent
  from session_attributes),
-- every page of every session with its page view id (one digest per page rather than per event on it)
pages as (
  select session_no, page_no, {UuidValue("pv", "session_no || '-' || page_no", s)} as page_view_uuid
  from (select session_no, unnest(range((events + per_page - 1) // per_page)) as page_no from {SessionPlan.Table}))";
        var events = $@"
base as (
  select n.*, x.* exclude (session_no), p.page_view_uuid,
    case when x.is_mobile then
      -- the app's first launch on a device: an install, stamped with its true time
      case when x.session_index = 1 and n.seq = 0 then 'application_install'
           -- a video in the app: the v2 media events (apps track no v1 media)
           when x.watches_media and {MediaV2Events.EventName("n.seq")} is not null then {MediaV2Events.EventName("n.seq")}
           when n.kind_roll < 0.03 then 'application_error' else 'screen_view' end
    else
      case when n.seq % x.per_page = 0 then 'page_view'
           -- a video on the second page: a pre-roll ad, play, progress at 25/50/75/100 %, a pause, a seek
           when x.watches_media and x.media_v1 and (n.seq between 9 and 14 or (n.seq = 15 and n.session_no % 3 <> 0))
             then 'media_player_event'
           -- the other half by the v2 media plugins: ads, buffering, rate changes, seeks, pauses (see MediaV2Events)
           when x.watches_media and not x.media_v1 and {MediaV2Events.EventName("n.seq")} is not null then {MediaV2Events.EventName("n.seq")}
           when n.kind_roll < 0.10 then 'link_click'
           when n.kind_roll < 0.15 then 'web_vitals'
           when n.kind_roll < 0.17 and n.seq < x.per_page then 'consent_preferences'
           when n.kind_roll < 0.19 and n.seq < x.per_page then 'cmp_visible'
           else 'page_ping' end
    end as event_name
  from {PlanTable} n join session_texts x using (session_no)
  join pages p on p.session_no = n.session_no and p.page_no = n.page_no{(inLoadOrder ? "\n  order by n.loaded, n.event_no, n.is_duplicate" : "")})";
        var webPage = Struct("contexts_com_snowplowanalytics_snowplow_web_page_1", new Dictionary<string, string>
            { ["id"] = "page_view_uuid::VARCHAR" });
        var bot = Struct("contexts_com_iab_snowplow_spiders_and_robots_1", new Dictionary<string, string>
        {
            ["spider_or_robot"] = "is_bot", ["category"] = "case when is_bot then 'SPIDER_OR_ROBOT' else 'BROWSER' end",
            ["reason"] = "case when is_bot then 'FAILED_UA_INCLUDE' else 'PASSED_ALL' end",
            ["primary_impact"] = "case when is_bot then 'UNKNOWN' else 'NONE' end",
        });
        var yauaa = Struct("contexts_nl_basjes_yauaa_context_1", new Dictionary<string, string>
        {
            ["device_class"] = "device_class", ["agent_name"] = "browser", ["agent_class"] = "case when is_bot then 'Robot' else 'Browser' end",
            ["operating_system_name"] = "os", ["agent_name_version"] = "browser || ' ' || (100 + user_no % 20)",
        });
        var vitals = Struct("unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1", new Dictionary<string, string>
        {
            ["lcp"] = $"round(800 + {Roll("lcp", "event_no", s)} * 4000, 1)", ["fcp"] = $"round(300 + {Roll("fcp", "event_no", s)} * 2000, 1)",
            ["fid"] = $"round({Roll("fid", "event_no", s)} * 200, 1)", ["inp"] = $"round(40 + {Roll("inp", "event_no", s)} * 400, 1)",
            ["cls"] = $"round({Roll("cls", "event_no", s)} * 0.3, 3)", ["ttfb"] = $"round(50 + {Roll("ttfb", "event_no", s)} * 900, 1)",
            ["navigation_type"] = Pick("nav", "event_no", s, "navigate", "reload", "back_forward"),
        });
        var consent = Struct("unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1", new Dictionary<string, string>
        {
            ["basis_for_processing"] = "'consent'", ["consent_url"] = "'https://www.example.com/privacy'", ["consent_version"] = "'1.0'",
            ["consent_scopes"] = $"case when {Roll("scope", "session_no", s)} < 0.5 then ['necessary', 'preferences', 'statistics', 'marketing'] else ['necessary'] end",
            ["domains_applied"] = "['https://www.example.com/']", ["gdpr_applies"] = "true",
            ["event_type"] = $"case when {Roll("scope", "session_no", s)} < 0.5 then 'allow_all' else 'deny_all' end",
        });
        var cmp = Struct("unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1", new Dictionary<string, string>
            { ["elapsed_time"] = $"round(0.5 + {Roll("cmp", "event_no", s)} * 10, 1)" });
        var clientSession = Struct("contexts_com_snowplowanalytics_snowplow_client_session_1", new Dictionary<string, string>
        {
            ["user_id"] = "device_user_id", ["session_id"] = "domain_sessionid", ["session_index"] = "session_index",
            ["event_index"] = "seq + 1", ["storage_mechanism"] = "'SQLITE'", ["first_event_id"] = "first_event_uuid::VARCHAR",
            ["first_event_timestamp"] = "started_at",
        });
        var screenView = Struct("unstruct_event_com_snowplowanalytics_mobile_screen_view_1", new Dictionary<string, string>
        {
            ["name"] = Pick("screen", "event_no", s, "home", "search", "product", "basket", "checkout", "settings"),
            ["id"] = "screen_id", ["type"] = "'feed'", ["transition_type"] = "'push'",
        });
        var appError = Struct("unstruct_event_com_snowplowanalytics_snowplow_application_error_1", new Dictionary<string, string>
        {
            ["message"] = "'NullPointerException at checkout'", ["programming_language"] = "'KOTLIN'", ["is_fatal"] = $"{Roll("fatal", "event_no", s)} < 0.2",
        });
        // v1 media (the media_player_event schema), all on the second page view: play, progress 10, 25 and 50 %, a seek
        // or a pause, 75 %, and the end (abandoned plays stop before it, on a third of the sessions), on one of a few
        // videos per player.
        const string V1 = "event_name = 'media_player_event'";
        var v1Type = "case seq when 9 then 'play' when 13 then case when session_no % 2 = 0 then 'seek' else 'pause' end "
            + "when 15 then 'ended' else 'percentprogress' end";
        var v1Video = "(session_no % 4)";
        var mediaEvent = Struct("unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1", new Dictionary<string, string>
            { ["type"] = v1Type, ["label"] = $"'Product tour ' || {v1Video}" });
        var mediaPlayerV1 = Struct("contexts_com_snowplowanalytics_snowplow_media_player_1", new Dictionary<string, string>
        {
            ["current_time"] = $"(seq - 9) * 20.5", ["duration"] = $"180.4 + {v1Video} * 60", ["ended"] = "seq = 15", ["loop"] = "false",
            ["muted"] = "plays_muted", ["paused"] = "seq = 13 and session_no % 2 = 1", ["playback_rate"] = "case when session_no % 7 = 0 then 1.5 else 1 end",
            ["volume"] = "case when plays_muted then 0 else 80 end", ["is_live"] = "false",
            ["percent_progress"] = "case seq when 10 then 10 when 11 then 25 when 12 then 50 when 14 then 75 end",
        });
        var youtube = Struct("contexts_com_youtube_youtube_1", new Dictionary<string, string>
        {
            ["player_id"] = $"'yt-player-' || {v1Video}", ["url"] = $"'https://www.youtube.com/watch?v=tour' || {v1Video}",
            ["playback_quality"] = "case when session_no % 3 = 0 then 'hd720' else 'hd1080' end", ["auto_play"] = "false",
        });
        var mediaElement = Struct("contexts_org_whatwg_media_element_1", new Dictionary<string, string>
        {
            ["html_id"] = $"'html-video-' || {v1Video}", ["media_type"] = "'video'", ["current_src"] = $"'https://www.example.com/media/tour' || {v1Video} || '.mp4'",
            ["auto_play"] = "false", ["file_extension"] = "'mp4'",
        });
        var videoElement = Struct("contexts_org_whatwg_video_element_1", new Dictionary<string, string>
            { ["video_width"] = "1280", ["video_height"] = "720" });
        const string V2 = "event_name like '%\\_event' escape '\\' and event_name <> 'media_player_event'";

        var mobileContext = Struct("contexts_com_snowplowanalytics_snowplow_mobile_context_1", new Dictionary<string, string>
        {
            ["os_type"] = "case when user_no % 2 = 0 then 'ios' else 'android' end", ["os_version"] = "'17.' || (user_no % 5)",
            ["device_manufacturer"] = "case when user_no % 2 = 0 then 'Apple' else 'Samsung' end", ["device_model"] = "'Model ' || (user_no % 7)",
        });

        // The screen a mobile event happens on (trackers attach it to the events after a screen view): the one its
        // screen view opened, named as the screen view names it.
        var screen = Struct("contexts_com_snowplowanalytics_mobile_screen_1", new Dictionary<string, string>
        {
            ["name"] = Pick("screen", "event_no", s, "home", "search", "product", "basket", "checkout", "settings"),
            ["id"] = "screen_id", ["type"] = "'feed'",
            ["activity"] = "case when user_no % 2 = 0 then null else 'MainActivity' end",
            ["fragment"] = "case when user_no % 2 = 0 then null else 'ScreenFragment' end",
            ["view_controller"] = "case when user_no % 2 = 0 then 'ScreenViewController' end",
            ["top_view_controller"] = "case when user_no % 2 = 0 then 'UINavigationController' end",
        });
        // The app build a device runs (upgraded now and then: a session's build follows the session index).
        var application = Struct("contexts_com_snowplowanalytics_mobile_application_1", new Dictionary<string, string>
            { ["version"] = "'2.' || (session_index // 4) || '.0'", ["build"] = "cast(200 + session_index // 4 as varchar)" });
        // Where the device is, for devices that share it: a home position per user, moving a little per event.
        var geolocation = Struct("contexts_com_snowplowanalytics_snowplow_geolocation_context_1", new Dictionary<string, string>
        {
            ["latitude"] = $"round(-60 + (hash(user_no, {s}, 'lat') % 12000) / 100.0 + (event_no % 7) / 10000.0, 6)",
            ["longitude"] = $"round(-170 + (hash(user_no, {s}, 'lon') % 34000) / 100.0 + (event_no % 5) / 10000.0, 6)",
            ["latitude_longitude_accuracy"] = "5.0 + event_no % 20", ["altitude"] = "case when user_no % 3 = 0 then null else 20.0 + user_no % 300 end",
            ["altitude_accuracy"] = "case when user_no % 3 = 0 then null else 3.0 end", ["bearing"] = "(event_no * 37) % 360",
            ["speed"] = "(event_no % 4) * 1.5",
        });

        return $@"with {sessions},
{events},
enriched as (
  select *,
    {Uuid("ev", "event_no", s)} as event_id,
    -- the id of the screen a mobile event is on (computed once for the two columns that carry it): its own for a screen
    -- view; media events in an app happen on the screen the ninth event showed (their page view is that screen view)
    case when event_name in ('screen_view', 'application_error') then {Uuid("sv", "event_no", s)}
         when is_mobile and {V2} then {Uuid("sv", "event_no - seq + 8", s)} end as screen_id,
    {Pick("path", "session_no, page_no", s, "/", "/pricing", "/blog/events", "/docs/getting-started", "/product/analytics", "/contact")} as path,
    {MarketingChannels.Query(Landing, s)} as landing_query
  from base),
generated as (
  select
    case when is_outside then 'staging-site' when is_mobile then 'mobile-app' else 'website' end as app_id,
    case when is_mobile then 'mob' else 'web' end as platform,
    make_timestamp(epoch_us(collected) + 1000000) as etl_tstamp,
    collected as collector_tstamp,
    created as dvce_created_tstamp,
    -- times in microseconds since the epoch: integer sums, a third of the cost of adding intervals to timestamps
    make_timestamp(epoch_us(collected) - 50000) as dvce_sent_tstamp,
    -- as Enrich derives it: collector time less the time the event spent on the device
    make_timestamp(epoch_us(collected) - ((epoch_us(collected) - 50000) - epoch_us(created))) as derived_tstamp,
    case when event_name = 'application_install' then created end as true_tstamp,
    loaded as load_tstamp,
    case when event_name in ('page_view', 'page_ping') then event_name when event_name = 'link_click' then 'unstruct' else 'unstruct' end as event,
    event_id,
    'sp' as name_tracker,
    case when is_mobile then 'andr-5.0.0' else 'js-3.20.0' end as v_tracker,
    'ssc-3.0.0-kinesis' as v_collector,
    'snowplow-enrich-kinesis-4.0.0' as v_etl,
    user_id,
    user_ipaddress,
    domain_userid::VARCHAR as domain_userid,
    session_index as domain_sessionidx,
    network_userid::VARCHAR as network_userid,
    country as geo_country,
    case when is_mobile then null else 'https://www.example.com' || path || coalesce('?' || landing_query, '') end as page_url,
    case when is_mobile then null else 'Example – ' || path end as page_title,
    case when is_mobile then null else 'https' end as page_urlscheme,
    case when is_mobile then null else 'www.example.com' end as page_urlhost,
    case when is_mobile then null else 443 end as page_urlport,
    case when is_mobile then null else path end as page_urlpath,
    landing_query as page_urlquery,
{string.Concat(MarketingChannels.Columns(Landing, s).Select(c => $"    {c.Expression} as {c.Column},\n"))}    case when event_name = 'page_ping' then (hash(event_no, {s}, 'x') % 200)::INTEGER end as pp_xoffset_min,
    case when event_name = 'page_ping' then (200 + hash(event_no, {s}, 'x') % 400)::INTEGER end as pp_xoffset_max,
    case when event_name = 'page_ping' then (hash(event_no, {s}, 'y') % 1500)::INTEGER end as pp_yoffset_min,
    case when event_name = 'page_ping' then (1500 + hash(event_no, {s}, 'y') % 4000)::INTEGER end as pp_yoffset_max,
    useragent,
    lang as br_lang,
    true as br_cookies,
    case when device_class = 'Desktop' then 1440 else 390 end as br_viewwidth,
    case when device_class = 'Desktop' then 900 else 844 end as br_viewheight,
    device_class <> 'Desktop' as dvce_ismobile,
    case when device_class = 'Desktop' then 1920 else 1170 end as dvce_screenwidth,
    case when device_class = 'Desktop' then 1080 else 2532 end as dvce_screenheight,
    case when is_mobile then null else 1440 end as doc_width,
    case when is_mobile then null else 5500 end as doc_height,
    domain_sessionid::VARCHAR as domain_sessionid,
    case when event_name in ('page_view', 'page_ping') then 'com.snowplowanalytics.snowplow'
         when event_name in ('screen_view', 'application_install') then 'com.snowplowanalytics.mobile'
         when {V2} then 'com.snowplowanalytics.snowplow.media'
         else 'com.snowplowanalytics.snowplow' end as event_vendor,
    event_name,
    'jsonschema' as event_format,
    '1-0-0' as event_version,
    case when is_mobile then null else [{webPage}] end as contexts_com_snowplowanalytics_snowplow_web_page_1,
    case when is_mobile then null else [{bot}] end as contexts_com_iab_snowplow_spiders_and_robots_1,
    case when is_mobile then null else [{yauaa}] end as contexts_nl_basjes_yauaa_context_1,
    case when event_name = 'web_vitals' then {vitals} end as unstruct_event_com_snowplowanalytics_snowplow_web_vitals_1,
    case when event_name = 'consent_preferences' then {consent} end as unstruct_event_com_snowplowanalytics_snowplow_consent_preferences_1,
    case when event_name = 'cmp_visible' then {cmp} end as unstruct_event_com_snowplowanalytics_snowplow_cmp_visible_1,
    case when is_mobile then [{clientSession}] end as contexts_com_snowplowanalytics_snowplow_client_session_1,
    case when is_mobile then [{mobileContext}] end as contexts_com_snowplowanalytics_snowplow_mobile_context_1,
    case when event_name = 'screen_view' then {screenView} end as unstruct_event_com_snowplowanalytics_mobile_screen_view_1,
    case when event_name in ('screen_view', 'application_error') or (is_mobile and {V2}) then [{screen}] end as contexts_com_snowplowanalytics_mobile_screen_1,
    case when is_mobile then [{application}] end as contexts_com_snowplowanalytics_mobile_application_1,
    case when is_mobile and user_no % 4 <> 0 then [{geolocation}] end as contexts_com_snowplowanalytics_snowplow_geolocation_context_1,
    case when event_name = 'application_error' then {appError} end as unstruct_event_com_snowplowanalytics_snowplow_application_error_1,
{string.Concat(media.Columns(V2, "is_mobile").Select(c => $"    {c.Expression} as {c.Column},\n"))}    case when {V1} then {mediaEvent} end as unstruct_event_com_snowplowanalytics_snowplow_media_player_event_1,
    case when {V1} then [{mediaPlayerV1}] end as contexts_com_snowplowanalytics_snowplow_media_player_1,
    case when {V1} and on_youtube then [{youtube}] end as contexts_com_youtube_youtube_1,
    case when {V1} and not on_youtube then [{mediaElement}] end as contexts_org_whatwg_media_element_1,
    case when {V1} and not on_youtube then [{videoElement}] end as contexts_org_whatwg_video_element_1,
    event_no
  from enriched)
select * exclude (event_no) replace (
  {Typed(built.Distinct())})
from generated";
    }
}
