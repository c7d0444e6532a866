using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A package with an input-signal is left as it is (REUSED) when the signal is what it was before and after the
/// package's last complete run and its code did not change; anything else builds it (see PackageReuse).
/// </summary>
public class APackageWithNothingToDoIsReused
{
    /// <summary>
    /// A package that works through raw.events two ids per run (as a Snowplow package works through its backfill limit),
    /// keeps a copy of them, and logs its on-run-end hook. Its signal: the events and how far it has got.
    /// </summary>
    private static TempProject Project()
    {
        var project = new TempProject()
            .Write("models/pkg/package.yml", """
                name: pkg
                models: {+materialized: table}
                on-run-end: ["insert into main.log values ('pkg end')"]
                input-signal: "select (select count(*) from raw.events) as events, (select count(*) from {{ ref 'pkg_progress' }}) as done"
                """)
            .Write("models/pkg/pkg_progress.sql", """
                {{ config materialized: "incremental" }}
                select id from raw.events
                {{ if is_incremental }}where id > (select coalesce(max(id), 0) from {{ this }}){{ end }}
                order by id limit 2
                """)
            .Write("models/pkg/pkg_copy.sql", "select id from {{ ref 'pkg_progress' }}");
        project.Execute("create schema raw; create table raw.events as select range + 1 as id from range(5); create table main.log (what varchar)");
        return project;
    }

    private static int Reused(RunResults results) => results.Count(NodeStatus.Reused);

    [Fact]
    public void A_package_is_reused_only_once_a_run_of_it_changed_nothing_and_until_its_input_moves()
    {
        using var project = Project();
        // The first run has no signal to read (its table does not exist yet), and says nothing of it; the next ones
        // move it: 2, 4, 5 ids done.
        var reporter = new CollectingReporter();
        Assert.Equal(0, Reused(project.Run(reporter: reporter)));
        Assert.DoesNotContain(reporter.Lines, l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(["5"], project.Query("select count(*) from main.pkg_progress"));
        // This run finds nothing to do and changes nothing: the one after it is the first reused.
        Assert.Equal(0, Reused(project.Run()));
        var reused = project.Run();
        Assert.Equal(2, Reused(reused));
        Assert.Equal(NodeStatus.Reused, reused.StatusOf("pkg_progress"));
        Assert.Equal(0, Reused(project.Run(reuse: false)));
        // A new event moves the signal: built again, and the new row is processed.
        project.Execute("insert into raw.events values (6)");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(["6"], project.Query("select count(*) from main.pkg_copy"));
    }

    /// <summary>A project whose package has reached its fixed point: the next plain run reuses it.</summary>
    private static TempProject CaughtUp()
    {
        var project = Project();
        for (var i = 0; i < 4; i++) Assert.False(project.Run().Failed);
        Assert.Equal(2, Reused(project.Run()));
        return project;
    }

    [Fact]
    public void The_hooks_of_a_reused_package_do_not_run()
    {
        using var project = CaughtUp();
        var before = project.Query("select count(*) from main.log").Single();
        Assert.Equal(2, Reused(project.Run()));
        Assert.Equal([before], project.Query("select count(*) from main.log"));
    }

    [Fact]
    public void An_edited_model_a_dropped_table_or_a_full_refresh_builds_the_package()
    {
        using var project = CaughtUp();
        project.Write("models/pkg/pkg_copy.sql", "select id, id * 2 as twice from {{ ref 'pkg_progress' }}");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(["5|10"], project.Query("select max(id), max(twice) from main.pkg_copy"));
        Assert.Equal(2, Reused(project.Run()));

        project.Execute("drop table main.pkg_copy");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(["5"], project.Query("select count(*) from main.pkg_copy"));
        Assert.Equal(2, Reused(project.Run()));

        Assert.Equal(0, Reused(project.Run(fullRefresh: true)));
    }

    [Fact]
    public void Build_reuses_the_package_and_still_runs_its_tests()
    {
        using var project = CaughtUp().Write("models/pkg/pkg.yml", "models:\n  - name: pkg_copy\n    columns:\n      - name: id\n        data_tests: [not_null, unique]\n");
        // Column descriptions and tests change no model: the package is still where its last run left it.
        var reused = project.Build();
        Assert.False(reused.Failed);
        Assert.Equal(2, Reused(reused));
        Assert.Equal(2, reused.Nodes.Count(n => n.Status == NodeStatus.Pass));
    }

    [Fact]
    public void A_model_added_or_reconfigured_anywhere_in_the_project_builds_the_package_once()
    {
        // A template may read other models' configs (models_tagged: Snowplow's run limits cover every model tagged for
        // its manifest), so switching a model on elsewhere must not leave the package's SQL as it was.
        using var project = CaughtUp().Write("models/elsewhere.sql", "{{ config tags: ['pkg_tracked'] }}select 1 as id");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(2, Reused(project.Run()));
        project.Write("models/elsewhere.sql", "{{ config tags: ['other'] }}select 1 as id");
        Assert.Equal(0, Reused(project.Run()));
    }

    [Fact]
    public void A_source_pointed_elsewhere_builds_the_package()
    {
        using var project = CaughtUp();
        project.Write("models/pkg/pkg_source.sql", "select count(*) as n from {{ source 'raw' 'events' }}")
            .Write("models/sources.yml", "sources:\n  - name: raw\n    tables:\n      - name: events\n");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(3, Reused(project.Run()));
        // The same rows, elsewhere: the signal (which reads raw.events by name) cannot tell; the fingerprint can.
        project.Execute("create schema raw_copy; create table raw_copy.events as select * from raw.events");
        project.Write("models/sources.yml", "sources:\n  - name: raw\n    schema: raw_copy\n    tables:\n      - name: events\n");
        Assert.Equal(0, Reused(project.Run()));
    }

    [Fact]
    public void A_run_of_part_of_the_package_or_a_failure_in_it_forgets_its_record()
    {
        using var project = CaughtUp();
        Assert.Equal(0, Reused(project.Run(select: ["pkg_copy"])));
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(2, Reused(project.Run()));

        project.Write("models/pkg/pkg_copy.sql", "select id, no_such_column from {{ ref 'pkg_progress' }}");
        Assert.True(project.Run().Failed);
        project.Write("models/pkg/pkg_copy.sql", "select id from {{ ref 'pkg_progress' }}");
        // The state is the recorded one again, but the failed run forgot the record: built, then reused.
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(2, Reused(project.Run()));
    }

    [Fact]
    public void A_damaged_state_file_only_means_the_package_builds()
    {
        using var project = CaughtUp().Write("target/reuse_state.json", "{\"packages\": [{\"target\": 3");
        Assert.Equal(0, Reused(project.Run()));
        Assert.Equal(2, Reused(project.Run()));
    }

    [Fact]
    public void Run_operation_forgets_every_record()
    {
        using var project = CaughtUp().Write("macros/noop.sql", "{{ func noop() }}select 1{{ end }}");
        new OperationService().Run(project.Open(), "noop", new Dictionary<string, object?>());
        Assert.Equal(0, Reused(project.Run()));
    }

    [Fact]
    public void A_package_reading_another_package_is_reused_only_with_it()
    {
        using var project = Project()
            .Write("models/reader/package.yml", """
                name: reader
                models: {+materialized: table}
                input-signal: "select 1 as constant"
                """)
            .Write("models/reader/reader_count.sql", "select count(*) as n from {{ ref 'pkg_copy' }}");
        for (var i = 0; i < 4; i++) Assert.False(project.Run().Failed);
        var caughtUp = project.Run();
        Assert.Equal(NodeStatus.Reused, caughtUp.StatusOf("reader_count"));
        Assert.Equal(NodeStatus.Reused, caughtUp.StatusOf("pkg_copy"));

        // pkg builds (a new event): reader, whose own signal did not move, builds too and sees the new row.
        project.Execute("insert into raw.events values (6)");
        var moved = project.Run();
        Assert.Equal(NodeStatus.Success, moved.StatusOf("reader_count"));
        Assert.Equal(["6"], project.Query("select n from main.reader_count"));
    }

    [Fact]
    public void A_signal_that_fails_is_a_warning_naming_its_file_and_the_package_builds()
    {
        // (One that does not parse is refused when the project loads: the bad-input catalogue.)
        using var project = CaughtUp();
        project.Write("models/pkg/package.yml", project.Read("models/pkg/package.yml").Replace("from raw.events", "from raw.no_such_table"));
        var reporter = new CollectingReporter();
        var results = project.Run(reporter: reporter);
        Assert.False(results.Failed);
        Assert.Equal(0, Reused(results));
        Assert.Contains(reporter.Lines, l => l.StartsWith("warning: pkg is not reused in this run or the next", StringComparison.Ordinal) && l.Contains("models/pkg/package.yml"));
    }
}
