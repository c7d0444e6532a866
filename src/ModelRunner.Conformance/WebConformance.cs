using ModelRunner.Core.Engines;

namespace ModelRunner.Conformance;

/// <summary>Runs the web scenario and compares every expected table; the outcome per table and overall.</summary>
public static class WebConformance
{
    public static IReadOnlyList<ComparisonResult> Run(string repositoryRoot, string dataDirectory, string databaseFile, TextWriter log,
        RunSchedule? schedule = null, RunSchedule? vitalsSchedule = null)
    {
        var scenario = new WebScenario(repositoryRoot, dataDirectory, databaseFile, log);
        var runner = scenario.RunStandard(schedule);
        var expected = Path.Combine(dataDirectory, "expected");
        var tables = new[]
        {
            new ExpectedTable("page_views", new Relation(null, "main_derived", "snowplow_web_page_views"),
                Path.Combine(expected, "snowplow_web_page_views_expected.csv"), "page_view_id"),
            new ExpectedTable("sessions", new Relation(null, "main_derived", "snowplow_web_sessions"),
                Path.Combine(expected, "default", "snowplow_web_sessions_expected.csv"), "domain_sessionid"),
            new ExpectedTable("users", new Relation(null, "main_derived", "snowplow_web_users"),
                Path.Combine(expected, "snowplow_web_users_expected.csv"), "domain_userid"),
            new ExpectedTable("base_quarantined_sessions", new Relation(null, "main_snowplow_manifest", "snowplow_web_base_quarantined_sessions"),
                Path.Combine(expected, "snowplow_web_base_quarantined_sessions_expected.csv"), "session_id"),
            Consent("consent_log", "event_id"),
            Consent("consent_users", "domain_userid"),
            Consent("consent_versions", "consent_version"),
            Consent("consent_totals", "consent_version"),
            Consent("consent_scope_status", "scope"),
            Consent("consent_cmp_stats", "event_id"),
        };
        ExpectedTable Consent(string name, string key) => new(name, new Relation(null, "main_derived", "snowplow_web_" + name),
            Path.Combine(expected, $"snowplow_web_{name}_expected.csv"), key);
        // The standard tables are compared before the vitals run, whose full refresh rebuilds the manifests (as in
        // Snowplow's script, where the tests of the standard runs come first).
        var results = runner.Compare(tables);
        scenario.RunVitals(vitalsSchedule);
        results.AddRange(runner.Compare([new ExpectedTable("vital_measurements", new Relation(null, "main_derived", "snowplow_web_vital_measurements"),
            Path.Combine(expected, "default", "snowplow_web_vital_measurements_expected.csv"), "compound_key")]));
        return results;
    }
}
