using System.Globalization;
using ModelRunner.Cli;
using ModelRunner.TestSupport;

namespace ModelRunner.Web.Tests;

/// <summary>
/// The sample data is worth looking at: the web package, run over `events generate`'s default shapes, finds
/// heavy-tailed page views per session, bounced and engaged sessions, a believable channel mix with proper referrers
/// and marketing parameters, returning users over days, and the week's and the day's rhythm (README, "Sample data").
/// </summary>
public sealed class GeneratedEventsLookLikeARealSite : IClassFixture<GeneratedEventsLookLikeARealSite.Site>
{
    public sealed class Site : IDisposable
    {
        public TempProject Project { get; } = TempProject.CopyOfRepositoryProject();

        public Site()
        {
            foreach (var command in new[] { "events generate --events 100000", "seed", "run -s tag:snowplow_web" })
            {
                var output = new StringWriter();
                var code = CliApp.Run([.. command.Split(' '), "--project-dir", Project.Root], output, output, new Dictionary<string, string>());
                Assert.True(code == 0, $"modelrunner {command} failed:\n{output}");
            }
        }

        public double Number(string sql) => double.Parse(Project.Query(sql)[0], CultureInfo.InvariantCulture);

        public void Dispose() => Project.Dispose();
    }

    private readonly Site site;

    public GeneratedEventsLookLikeARealSite(Site site) => this.site = site;

    private const string Sessions = "main_derived.snowplow_web_sessions";

    private double ShareOfSessions(string where) =>
        site.Number($"select count(*) filter (where {where}) / count(*) from {Sessions}");

    [Fact]
    public void Most_sessions_view_one_or_two_pages_and_a_few_view_many()
    {
        Assert.InRange(ShareOfSessions("page_views = 1"), 0.35, 0.65);
        Assert.True(ShareOfSessions("page_views <= 2") >= 0.6);
        Assert.InRange(ShareOfSessions("page_views >= 10"), 0.01, 0.10);
        Assert.True(site.Number($"select max(page_views) from {Sessions}") >= 20, "a long tail");
    }

    [Fact]
    public void Some_sessions_bounce_and_most_are_engaged()
    {
        Assert.InRange(ShareOfSessions("is_engaged"), 0.5, 0.85);
        Assert.InRange(ShareOfSessions("page_views = 1 and not is_engaged"), 0.15, 0.45);
        Assert.True(ShareOfSessions("page_views = 1 and is_engaged") > 0.05, "one long read is engaged too");
    }

    [Fact]
    public void Every_channel_arrives_with_its_referrer_and_parameters_and_few_are_unassigned()
    {
        foreach (var channel in new[] { "Direct", "Organic Search", "Paid Search", "Organic Social", "Paid Social", "Email", "Referral", "Display", "Affiliates" })
            Assert.True(ShareOfSessions($"default_channel_group = '{channel}'") >= 0.02, channel);
        Assert.InRange(ShareOfSessions("default_channel_group = 'Unassigned'"), 0.01, 0.10);
        Assert.True(ShareOfSessions("default_channel_group = 'Organic Search'") > ShareOfSessions("default_channel_group = 'Paid Search'"));

        double Within(string channel, string condition) =>
            site.Number($"select count(*) filter (where {condition}) / count(*) from {Sessions} where default_channel_group = '{channel}'");
        Assert.Equal(1.0, Within("Organic Search", "refr_medium = 'search' and refr_urlhost is not null"));
        Assert.Equal(1.0, Within("Paid Search", "refr_medium = 'search' and mkt_term is not null and mkt_clickid is not null and mkt_campaign is not null"));
        Assert.Equal(1.0, Within("Organic Social", "refr_medium = 'social'"));
        Assert.Equal(1.0, Within("Referral", "refr_medium = 'unknown' and refr_urlhost is not null"));
        Assert.Equal(1.0, Within("Email", "mkt_campaign is not null"));
        Assert.Equal(1.0, Within("Direct", "refr_urlhost is null"));
        // The landing page's URL carries the parameters, as the tag read them.
        Assert.Equal(0.0, site.Number($"select count(*) from {Sessions} where mkt_medium is not null "
            + "and first_page_url not like '%utm_medium=' || mkt_medium || '%'"));
    }

    [Fact]
    public void Users_return_over_days_and_their_sessions_are_numbered_in_time_order()
    {
        var returning = site.Number("select count(*) filter (where sessions >= 2) / count(*) from main_derived.snowplow_web_users");
        Assert.InRange(returning, 0.2, 0.75);
        Assert.True(site.Number("select count(*) filter (where sessions >= 2 and end_tstamp - start_tstamp > interval 1 day) / "
            + "count(*) filter (where sessions >= 2) from main_derived.snowplow_web_users") > 0.7, "returning users come back on other days");
        Assert.True(site.Number("select max(sessions) from main_derived.snowplow_web_users") >= 10, "a few come back often");
        Assert.Equal(0.0, site.Number($"select count(*) from (select domain_sessionidx, lag(domain_sessionidx) over (partition by domain_userid "
            + $"order by start_tstamp, domain_sessionid) as before from {Sessions}) where domain_sessionidx <= before"));
    }

    [Fact]
    public void Traffic_follows_the_week_and_the_day()
    {
        var weekdayPerDay = site.Number($"select count(*) / count(distinct start_tstamp::DATE) from {Sessions} where dayofweek(start_tstamp) between 1 and 5");
        var weekendPerDay = site.Number($"select count(*) / count(distinct start_tstamp::DATE) from {Sessions} where dayofweek(start_tstamp) in (0, 6)");
        Assert.True(weekdayPerDay / weekendPerDay > 1.2, $"weekdays {weekdayPerDay:0} sessions a day, weekends {weekendPerDay:0}");
        var afternoonPerHour = site.Number($"select count(*) / 4 from {Sessions} where hour(start_tstamp) between 10 and 13");
        var nightPerHour = site.Number($"select count(*) / 4 from {Sessions} where hour(start_tstamp) between 2 and 5");
        Assert.True(afternoonPerHour / nightPerHour > 4, $"late morning {afternoonPerHour:0} sessions an hour, night {nightPerHour:0}");
    }
}
