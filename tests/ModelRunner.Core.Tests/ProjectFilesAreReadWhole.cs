using System.Text;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Tests;

/// <summary>Project files are read whole, whatever their size, and a file that cannot be read is an error naming it.</summary>
public sealed class ProjectFilesAreReadWhole : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mr-read-" + Guid.NewGuid().ToString("N")[..12]);

    public ProjectFilesAreReadWhole() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public void A_file_of_any_size_is_read_to_its_last_character(int length)
    {
        // Multi-byte characters across every buffer boundary: a file cut short or joined wrongly would not decode the same.
        var text = string.Concat(Enumerable.Range(0, length).Select(i => i % 7 == 0 ? 'é' : (char)('a' + i % 26)));
        var path = Path.Combine(_dir, "model.sql");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        Assert.Equal(text, TextFiles.Read(path));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_text()
    {
        var path = Path.Combine(_dir, "bom.sql");
        File.WriteAllText(path, "select 1", new UTF8Encoding(true));
        Assert.Equal("select 1", TextFiles.Read(path));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<ProjectException>(() => TextFiles.Read(Path.Combine(_dir, "gone.sql"), "models/gone.sql"));
        Assert.Equal("models/gone.sql", Assert.Single(error.Diagnostics).File);
        Assert.Contains("cannot read the file", error.Message);
    }

    [Fact]
    public void A_folder_in_place_of_a_file_is_an_error_naming_it()
    {
        var folder = Path.Combine(_dir, "folder.sql");
        Directory.CreateDirectory(folder);
        var error = Assert.Throws<ProjectException>(() => TextFiles.Read(folder, "models/folder.sql"));
        Assert.Equal("models/folder.sql", Assert.Single(error.Diagnostics).File);
    }

    [Fact]
    public void On_Linux_files_are_read_without_the_file_api()
    {
        // The fast path must not quietly fall back to .NET's API (a library libc could not be found, say): the
        // compile's figures depend on it.
        var path = Path.Combine(_dir, "fast.sql");
        File.WriteAllText(path, "select 1");
        var read = LinuxFileReader.TryRead(path, int.MaxValue, out var buffer, out var length);
        Assert.Equal(OperatingSystem.IsLinux(), read);
        if (read)
        {
            Assert.Equal("select 1", Encoding.UTF8.GetString(buffer, 0, length));
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
