using System.Text;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// `erase --purge` on DuckDB: the erased person's identifiers are gone from the database file itself, not only from
/// its tables. DuckDB keeps deleted rows in the file (a checkpoint rewrites a row group only when enough of it is
/// deleted, and freed blocks keep their bytes), so an erasure without --purge leaves them there, and says so; the
/// purge rewrites the file as a fresh copy. Storage is uncompressed here so that an identifier in the file is its bytes.
/// </summary>
public sealed class ErasePurgeLeavesNoTraceInTheDuckDbFile : IDisposable
{
    private readonly TempProject _project = new();

    public ErasePurgeLeavesNoTraceInTheDuckDbFile() =>
        _project.Write("models.yml", "name: testproj\nprofile: test\nsources:\n  - name: atomic\n    schema: atomic\n    tables:\n      - name: events\n")
            .Write("profiles/profiles.yml", """
            test:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: db/test.duckdb
                  schema: main
                  threads: 1
                  settings: {force_compression: uncompressed}
            """);

    public void Dispose() => _project.Dispose();

    /// <summary>Whether the database file or its write-ahead log holds the text.</summary>
    private bool FileHolds(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { _project.DatabasePath, _project.DatabasePath + ".wal" }
            .Where(File.Exists)
            .Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0);
    }

    [Fact]
    public void The_identifiers_stay_in_the_file_until_a_purge_rewrites_it_and_every_other_row_stays()
    {
        Assert.Equal(0, _project.Cli("events", "generate", "--events", "3000", "--days", "3", "--seed", "11").ExitCode);
        var person = _project.Query("select domain_userid from atomic.events where platform = 'web' group by 1 order by count(*) desc, 1 limit 1")[0];
        var others = _project.Query($"select count(*) from atomic.events where domain_userid is distinct from '{person}'")[0];
        Assert.True(FileHolds(person), "the generated events are not in the file as text: the test could not see them go");

        var erased = _project.Cli("erase", "--user", person);
        Assert.Equal(0, erased.ExitCode);
        Assert.Contains("erase with --purge does it", erased.Output);
        Assert.Empty(_project.Query($"select 1 from atomic.events where domain_userid = '{person}'"));
        Assert.True(FileHolds(person), "an erasure without --purge was expected to leave the deleted rows in DuckDB's file");

        // Nothing is left to delete: the purge still rewrites the file, as it was asked to.
        var purged = _project.Cli("erase", "--user", person, "--purge");
        Assert.Equal(0, purged.ExitCode);
        Assert.Contains("Purged: copy the database into a fresh file", purged.Output);
        Assert.False(FileHolds(person), "the erased person's id is still in the database file after --purge");
        Assert.False(File.Exists(_project.DatabasePath + ".purging"));
        Assert.Equal(others, _project.Query("select count(*) from atomic.events")[0]);
        Assert.Equal(2, _project.Query("select relation from main.modelrunner_erasures").Count);
        // This process opened the database before the purge: a write now lands in the new file, not in the one it replaced.
        _project.Execute("create table main.after_purge as select 'written-after-the-purge' as note");
        Assert.True(FileHolds("written-after-the-purge"), "a write after the purge did not reach the database file (the old file was still open)");
    }

    [Fact]
    public void A_purge_that_cannot_write_its_copy_says_so_after_the_erasure_and_leaves_the_database_whole()
    {
        Assert.Equal(0, _project.Cli("events", "generate", "--events", "1000", "--days", "2", "--seed", "5").ExitCode);
        var person = _project.Query("select domain_userid from atomic.events where platform = 'web' group by 1 order by count(*) desc, 1 limit 1")[0];
        var total = long.Parse(_project.Query("select count(*) from atomic.events")[0]);
        // A folder where the copy would go.
        Directory.CreateDirectory(Path.Combine(_project.DatabasePath + ".purging", "in-the-way"));

        var purged = _project.Cli("erase", "--user", person, "--purge");
        Assert.NotEqual(0, purged.ExitCode);
        Assert.Contains("the erasure is done, but its purge could not copy the DuckDB database into", purged.All);
        Assert.Contains("erase with --purge again", purged.All);
        Assert.DoesNotContain("   at ", purged.All);
        Assert.Empty(_project.Query($"select 1 from atomic.events where domain_userid = '{person}'"));
        Assert.True(long.Parse(_project.Query("select count(*) from atomic.events")[0]) < total);
    }
}
