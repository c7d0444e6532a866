using ModelRunner.Core.Running;

namespace ModelRunner.Core.Tests;

/// <summary>
/// An edited model's compile reads manifest.json through one 64 KB window (ManifestFile): every byte, range and copy it
/// hands out is the file's, wherever it lies against the window, forward or backward.
/// </summary>
public class TheManifestIsReadThroughAWindow : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mr-manifest-" + Guid.NewGuid().ToString("N") + ".json");
    private readonly byte[] _bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7 % 251)).ToArray();

    public TheManifestIsReadThroughAWindow() => File.WriteAllBytes(_path, _bytes);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Each_byte_is_the_files_forward_backward_and_at_the_end()
    {
        using var manifest = new ManifestFile(_path);
        Assert.Equal(_bytes.Length, manifest.Length);
        foreach (var position in new long[] { 0, 1, 65_535, 65_536, 131_073, 70_000, 3, 199_999, 65_536 })
            Assert.Equal(_bytes[position], manifest[position]);
        Assert.Throws<ArgumentOutOfRangeException>(() => manifest[_bytes.Length]);
    }

    [Fact]
    public void Ranges_and_copies_across_the_window_are_the_files()
    {
        using var manifest = new ManifestFile(_path);
        Assert.Equal(_bytes.AsSpan(65_000, 2_000).ToArray(), manifest.Read(65_000, 2_000));
        Assert.Equal(_bytes[66_000], manifest[66_000]);
        using var copy = new MemoryStream();
        manifest.CopyTo(copy, 10, 150_010);
        Assert.Equal(_bytes.AsSpan(10, 150_000).ToArray(), copy.ToArray());
        // The copy used the window as its buffer: a byte read after it is still the file's.
        Assert.Equal(_bytes[100_000], manifest[100_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => manifest.Read(199_000, 2_000));
    }
}
