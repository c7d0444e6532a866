using static ModelRunner.Events.GeneratorSql;

namespace ModelRunner.Events;

/// <summary>
/// How web sessions arrive: each session's landing page view carries the referrer and the marketing (utm) parameters
/// of one traffic source, in a mix like a B2B site's. The parameters are those that make the web package's channel
/// rules (GA4's, on mkt_source, mkt_medium and mkt_campaign with the source-category seed) name the intended channel;
/// the referrer is what the browser would send from that source (search engines send their origin only, e-mail
/// clients send none). Direct visits carry the `(direct)` / `(none)` parameters that GA4-style tagging sets, since
/// the 0.15.2 rules class visits without parameters as Unassigned; the Unassigned share here is traffic tagged with
/// parameters no rule knows (QR codes on print).
/// </summary>
internal static class MarketingChannels
{
    private sealed record Source(string? RefrHost, string? RefrSource, string? RefrMedium, string MktSource, string MktMedium,
        string? Network = null, string? ClickIdParameter = null, bool Campaign = false, bool Term = false);

    private sealed record Channel(string Name, double Share, params Source[] Sources);

    private static readonly Channel[] Channels =
    [
        new("Direct", 0.22, new Source(null, null, null, "(direct)", "(none)")),
        new("Organic Search", 0.27,
            new Source("www.google.com", "Google", "search", "google", "organic"),
            new Source("www.google.com", "Google", "search", "google", "organic"),
            new Source("www.google.com", "Google", "search", "google", "organic"),
            new Source("www.bing.com", "Bing", "search", "bing", "organic"),
            new Source("duckduckgo.com", "DuckDuckGo", "search", "duckduckgo", "organic")),
        new("Paid Search", 0.11,
            new Source("www.google.com", "Google", "search", "google", "cpc", "Google", "gclid", Campaign: true, Term: true),
            new Source("www.google.com", "Google", "search", "google", "cpc", "Google", "gclid", Campaign: true, Term: true),
            new Source("www.bing.com", "Bing", "search", "bing", "cpc", "Microsoft", "msclkid", Campaign: true, Term: true)),
        new("Organic Social", 0.07,
            new Source("www.linkedin.com", "LinkedIn", "social", "linkedin", "social"),
            new Source("t.co", "Twitter", "social", "twitter", "social"),
            new Source("www.facebook.com", "Facebook", "social", "facebook", "social")),
        new("Paid Social", 0.03,
            new Source("www.linkedin.com", "LinkedIn", "social", "linkedin", "paid_social", "LinkedIn", "li_fat_id", Campaign: true),
            new Source("www.facebook.com", "Facebook", "social", "facebook", "paid_social", "Facebook", "fbclid", Campaign: true)),
        new("Email", 0.08,
            new Source(null, null, null, "newsletter", "email", Campaign: true),
            new Source("mail.google.com", "Gmail", "email", "newsletter", "email", Campaign: true)),
        new("Referral", 0.10,
            new Source("news.ycombinator.com", null, "unknown", "news.ycombinator.com", "referral"),
            new Source("docs.partner.example.org", null, "unknown", "docs.partner.example.org", "referral"),
            new Source("www.analytics-weekly.example.net", null, "unknown", "analytics-weekly", "referral")),
        new("Display", 0.04, new Source("ads.adnetwork.example.com", null, "unknown", "programmatic", "display", Campaign: true)),
        new("Affiliates", 0.03, new Source("www.tool-reviews.example.com", null, "unknown", "tool-reviews", "affiliate", Campaign: true)),
        new("Unassigned", 0.05, new Source(null, null, null, "print", "qr_code", Campaign: true)),
    ];

    private static readonly string[] Campaigns = ["spring_sale", "brand", "webinar_q2", "product_launch", "retargeting"];
    private static readonly string[] Terms = ["behavioral data platform", "event tracking", "snowplow analytics", "customer data pipeline"];

    /// <summary>The channel a session comes from (`channel`) and which of its sources (`channel_source_no`), in the sessions CTE.</summary>
    public static string SessionColumns(string of, long seed)
    {
        var roll = Roll("channel", of, seed);
        string Cases(Func<Channel, string> then)
        {
            var cumulative = 0.0;
            return string.Concat(Channels.Select(c =>
            {
                cumulative += c.Share;
                return $"when {roll} < {F(cumulative)} then {then(c)} ";
            }));
        }
        // The source is numbered within the channel here, so that the join to the sources is on equal values (a hash
        // join) rather than on an expression of both sides (a nested loop over every pair).
        return $@"
    case {Cases(c => Quote(c.Name))}else 'Unassigned' end as channel,
    case {Cases(c => $"(hash({of}, {seed}, 'channel-source') % {c.Sources.Length})::BIGINT")}end as channel_source_no,
    (hash({of}, {seed}, 'campaign') % {Campaigns.Length})::BIGINT as campaign_no,
    (hash({of}, {seed}, 'term') % {Terms.Length})::BIGINT as term_no,";
    }

    /// <summary>A CTE of every (channel, source) with its fields, for the sessions to join.</summary>
    public static string SourcesCte()
    {
        var rows = Channels.SelectMany(c => c.Sources.Select((s, i) =>
            $"({Quote(c.Name)}, {i}, {Quote(s.RefrHost)}, {Quote(s.RefrSource)}, {Quote(s.RefrMedium)}, {Quote(s.MktSource)}, "
            + $"{Quote(s.MktMedium)}, {Quote(s.Network)}, {Quote(s.ClickIdParameter)}, {(s.Campaign ? "true" : "false")}, {(s.Term ? "true" : "false")})"));
        return "channel_sources as (select * from (values " + string.Join(",\n    ", rows)
            + ") t(channel, source_no, refr_host, refr_source_name, refr_medium_name, utm_source, utm_medium, network, click_id_parameter, has_campaign, has_term))";
    }

    /// <summary>The join of a session to its source: `channel_sources` as `cs`.</summary>
    public const string Join = "left join channel_sources cs on cs.channel = x.channel and cs.source_no = x.channel_source_no";

    /// <summary>Landing-page columns of atomic.events, each an expression over the event and its session's source.</summary>
    public static IReadOnlyList<(string Column, string Expression)> Columns(string landing, long seed)
    {
        var (campaign, term, clickId) = Parameters(seed);
        string On(string expression) => $"case when {landing} then {expression} end";
        return
        [
            ("page_referrer", On("case when refr_host is not null then 'https://' || refr_host || '/' end")),
            ("refr_urlscheme", On("case when refr_host is not null then 'https' end")),
            ("refr_urlhost", On("refr_host")),
            ("refr_urlpath", On("case when refr_host is not null then '/' end")),
            ("refr_medium", On("refr_medium_name")),
            ("refr_source", On("refr_source_name")),
            ("mkt_source", On("utm_source")),
            ("mkt_medium", On("utm_medium")),
            ("mkt_campaign", On(campaign)),
            ("mkt_term", On(term)),
            ("mkt_clickid", On(clickId)),
            ("mkt_network", On("network")),
        ];
    }

    /// <summary>The landing page's query string: its utm parameters and click id (null on other events).</summary>
    public static string Query(string landing, long seed)
    {
        var (campaign, term, clickId) = Parameters(seed);
        return $"case when {landing} then 'utm_source=' || utm_source || '&utm_medium=' || utm_medium"
            + $" || coalesce('&utm_campaign=' || ({campaign}), '') || coalesce('&utm_term=' || replace(({term}), ' ', '+'), '')"
            + $" || coalesce('&' || click_id_parameter || '=' || ({clickId}), '') end";
    }

    private static (string Campaign, string Term, string ClickId) Parameters(long seed) => (
        "case when has_campaign then " + List(Campaigns) + "[1 + campaign_no] end",
        "case when has_term then " + List(Terms) + "[1 + term_no] end",
        $"case when click_id_parameter is not null then {Uuid("click", "session_no", seed)} end");

    private static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    private static string Quote(string? value) => value is null ? "NULL" : DuckDbEventsSql.StringLiteral(value);
}
