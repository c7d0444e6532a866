using ModelRunner.Core.Project;

namespace ModelRunner.Core.Tests;

/// <summary>target/compiled/ files keep their time stamp when a compile gives the same SQL, and change when it does not.</summary>
public sealed class CompiledFilesAreRewrittenOnlyWhenTheyChange : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mr-files-" + Guid.NewGuid().ToString("N")[..12]);
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public CompiledFilesAreRewrittenOnlyWhenTheyChange() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Existing(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".sql");
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, LongAgo);
        return path;
    }

    [Fact]
    public void A_missing_file_is_written()
    {
        var path = Path.Combine(_dir, "new.sql");
        TextFiles.WriteIfChanged(path, "select 'é'", sizeIsEnough: false);
        Assert.Equal("select 'é'", File.ReadAllText(path));
    }

    [Fact]
    public void The_same_text_leaves_the_file_untouched()
    {
        var path = Existing("select 1");
        TextFiles.WriteIfChanged(path, "select 1", sizeIsEnough: false);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(path));
    }

    [Theory]
    [InlineData("select 1", "select 2")] // the same size
    [InlineData("select 10", "select 1")] // a longer file that starts with the text
    [InlineData("select 1", "select 10")] // a shorter file that the text starts with
    public void Different_text_is_written(string before, string text)
    {
        var path = Existing(before);
        TextFiles.WriteIfChanged(path, text, sizeIsEnough: false);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void A_different_size_is_written_even_when_size_is_enough()
    {
        var path = Existing("select 1");
        TextFiles.WriteIfChanged(path, "select 10", sizeIsEnough: true);
        Assert.Equal("select 10", File.ReadAllText(path));
    }

    [Fact]
    public void With_size_enough_an_equal_size_is_trusted()
    {
        var path = Existing("select 1");
        TextFiles.WriteIfChanged(path, "select 2", sizeIsEnough: true);
        Assert.Equal("select 1", File.ReadAllText(path));
    }
}
