using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Testing;

/// <summary>
/// Runs a compiled data test: counts its failing rows (up to <c>limit</c>), optionally keeps them in a table
/// (<c>store_failures</c>), and judges the count against <c>severity</c>, <c>warn_if</c> and <c>error_if</c> as dbt does.
/// </summary>
public sealed class DataTestExecutor(SqlDialect dialect, TargetSettings target, bool storeFailures, Func<DataTestNode, string> compiledPath)
{
    /// <summary>Failing rows are kept in this schema, beside the target's own (dbt's <c>_dbt_test__audit</c>).</summary>
    public const string FailuresSchemaSuffix = "_test_failures";

    public NodeResult Execute(CompiledTest compiled, IEngineSession engineSession, int worker)
    {
        var test = compiled.Test;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var session = new RecordingSession(engineSession);
        var path = compiledPath(test);
        var query = test.Config.Limit is { } limit ? dialect.Limit(compiled.Sql, limit) : compiled.Sql;
        NodeResult Result(NodeStatus status, long? failures, string message) =>
            new(test.UniqueId, test.Name, "test", compiled.Relation, status, null, message, clock.Elapsed, session.DatabaseTime,
                started, worker, path, session.Statements.ToImmutableArray(), failures);
        try
        {
            string? stored = null;
            long failures;
            if (storeFailures || test.Config.StoreFailures)
            {
                var table = new Relation(target.Database, target.Schema + FailuresSchemaSuffix, test.Name);
                session.Execute(dialect.CreateSchema(table.Database, table.Schema));
                session.Execute(dialect.Drop(table, RelationKind.Table));
                session.Execute(dialect.CreateTableAs(table, query));
                failures = Count(session, $"select count(*) from {dialect.Render(table)}");
                stored = table.ToString();
            }
            else failures = Count(session, $"select count(*) from (\n{query}\n) as failing_rows");

            var status = Judge(test.Config, failures);
            var where = $"test '{test.Name}' ({test.File}:{test.Line})";
            var detail = $"\n  compiled SQL: {path}" + (stored is null ? "" : $"\n  failing rows stored in {stored}");
            return status switch
            {
                NodeStatus.Pass => Result(status, failures, "PASS" + (stored is null ? "" : $" (rows in {stored})")),
                NodeStatus.Warn => Result(status, failures, $"{where} warned: {Rows(failures)} failed (warn_if {test.Config.WarnIf}){detail}"),
                _ => Result(status, failures, $"{where} failed: {Rows(failures)} failed (error_if {test.Config.ErrorIf}){detail}"),
            };
        }
        catch (EngineException e)
        {
            return Result(NodeStatus.Error, null, $"test '{test.Name}' ({test.File}:{test.Line}) could not run: {e.Message}\n  compiled SQL: {path}");
        }
    }

    /// <summary>dbt's rule: with severity error, error_if decides failure and warn_if a warning; with severity warn only warn_if counts.</summary>
    public static NodeStatus Judge(TestConfig config, long failures)
    {
        if (config.Severity == TestSeverity.Error && config.ErrorIf.IsMetBy(failures)) return NodeStatus.Fail;
        return config.WarnIf.IsMetBy(failures) ? NodeStatus.Warn : NodeStatus.Pass;
    }

    private static long Count(IEngineSession session, string sql) =>
        Convert.ToInt64(session.Query(sql).Rows[0][0], CultureInfo.InvariantCulture);

    private static string Rows(long n) => n == 1 ? "1 row" : $"{n} rows";
}
