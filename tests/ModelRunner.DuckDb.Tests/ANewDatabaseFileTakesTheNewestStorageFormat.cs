using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A database file ModelRunner creates is written in the newest format of the DuckDB it ships (DuckDB's own default is
/// v0.10.2's); the target's `settings: {storage_compatibility_version: …}` names another; a file keeps the format it was
/// created in, until a purge copies it into a new file. Seen in what DuckDB compresses strings with: DICT_FSST exists
/// only in the newer formats.
/// </summary>
public sealed class ANewDatabaseFileTakesTheNewestStorageFormat : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mr-storage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IEngine Open(string file, string? storageVersion = null)
    {
        var settings = ImmutableDictionary<string, object?>.Empty.Add("path", Path.Combine(_folder, file));
        if (storageVersion is not null)
            settings = settings.Add("settings", new Dictionary<string, object?> { ["storage_compatibility_version"] = storageVersion });
        return new DuckDbEngineFactory().Create(new TargetSettings("p", "dev", "duckdb", "main", null, 1, settings, "profiles.yml"), _folder);
    }

    /// <summary>Writes a table of repeated strings, checkpoints it and says how DuckDB compressed its string column.</summary>
    private static string[] StringCompression(IEngine engine, string table)
    {
        using var session = engine.OpenSession();
        session.Execute($"create table main.{table} as select 'page_view_' || (range % 50) as name from range(20000)");
        session.Execute("checkpoint");
        return session.Query($"select distinct compression from pragma_storage_info('main.{table}') where column_name = 'name' and segment_type = 'VARCHAR'")
            .Rows.Select(r => (string)r[0]!).ToArray();
    }

    [Fact]
    public void A_new_file_compresses_strings_as_only_the_newest_formats_can()
    {
        using var engine = Open("new.duckdb");
        Assert.Equal(new[] { "DICT_FSST" }, StringCompression(engine, "names"));
    }

    [Fact]
    public void The_target_can_name_the_old_format_for_older_readers()
    {
        using var engine = Open("old.duckdb", "v0.10.2");
        Assert.DoesNotContain("DICT_FSST", StringCompression(engine, "names"));
    }

    [Fact]
    public void A_file_keeps_the_format_it_was_created_in()
    {
        using (var created = Open("kept.duckdb", "v0.10.2"))
            Assert.DoesNotContain("DICT_FSST", StringCompression(created, "first"));
        using var reopened = Open("kept.duckdb");
        Assert.DoesNotContain("DICT_FSST", StringCompression(reopened, "second"));
    }

    [Fact]
    public void A_purge_rewrites_an_old_file_in_the_newest_format()
    {
        using (var created = Open("purged.duckdb", "v0.10.2"))
            Assert.DoesNotContain("DICT_FSST", StringCompression(created, "names"));
        using (var purging = Open("purged.duckdb"))
        using (var session = purging.OpenSession())
            purging.PurgeDeleted(session, []);
        using var reopened = Open("purged.duckdb");
        using var reader = reopened.OpenSession();
        var compression = reader.Query("select distinct compression from pragma_storage_info('main.names') where column_name = 'name' and segment_type = 'VARCHAR'")
            .Rows.Select(r => (string)r[0]!).ToArray();
        Assert.Equal(new[] { "DICT_FSST" }, compression);
        Assert.Equal(20000L, Convert.ToInt64(reader.Query("select count(*) from main.names").Rows[0][0]));
    }

    [Fact]
    public void A_format_duckdb_does_not_know_is_refused_naming_the_target()
    {
        var error = Assert.Throws<ProjectException>(() => Open("bad.duckdb", "v9.9.9").Dispose());
        Assert.Contains("target 'dev'", error.Message);
        Assert.Contains("storage_compatibility_version", error.Message);
        Assert.Contains("v9.9.9", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.duckdb")));
    }
}
