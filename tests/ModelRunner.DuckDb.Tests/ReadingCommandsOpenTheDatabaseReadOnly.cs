using ModelRunner.Core.Engines;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>show, debug and compile open DuckDB with ACCESS_MODE=READ_ONLY: they cannot change the database.</summary>
public class ReadingCommandsOpenTheDatabaseReadOnly
{
    [Fact]
    public void A_read_only_connection_reads_and_refuses_every_write()
    {
        using var project = new TempProject();
        using (var writer = project.Open().Connect())
        using (var session = writer.OpenSession())
            session.Execute("create table main.kept as select 42 as answer");

        using var engine = project.Open().Connect(readOnly: true);
        using var reader = engine.OpenSession();
        Assert.Equal(42, Convert.ToInt32(reader.Query("select answer from main.kept").Rows[0][0]));
        var error = Assert.Throws<EngineException>(() => reader.Execute("drop table main.kept"));
        Assert.Contains("read-only", error.Message);
    }

    [Fact]
    public void A_project_never_built_is_opened_as_a_run_would_open_it()
    {
        using var project = new TempProject();
        using var engine = project.Open().Connect(readOnly: true);
        using var session = engine.OpenSession();
        Assert.Equal(1, Convert.ToInt32(session.Query("select 1").Rows[0][0]));
    }
}
