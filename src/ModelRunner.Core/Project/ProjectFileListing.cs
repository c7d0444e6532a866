using System.Collections.Immutable;

namespace ModelRunner.Core.Project;

/// <summary>
/// The files under the project's folders, each folder tree listed once per load: models/ alone is searched for SQL,
/// YAML property files and tests, and with thousands of files a directory walk is not free. Trees already listed
/// (<paramref name="known"/>: project folder → its files' project-relative paths, in path order) are not walked again.
/// </summary>
internal sealed class ProjectFileListing(string root, IReadOnlyDictionary<string, ImmutableArray<string>>? known = null)
{
    private readonly Dictionary<string, List<(string FullPath, string DisplayPath)>> _trees = new(StringComparer.Ordinal);

    /// <summary>Files ending in <paramref name="extension"/> under the given project paths, with project-relative '/' paths,
    /// in ordinal order of path within each of <paramref name="paths"/>.</summary>
    public IEnumerable<(string FullPath, string DisplayPath)> FilesUnder(IEnumerable<string> paths, string extension)
    {
        foreach (var relative in paths)
            foreach (var file in Tree(relative))
                if (file.FullPath.EndsWith(extension, StringComparison.Ordinal)) yield return file;
    }

    private List<(string FullPath, string DisplayPath)> Tree(string relative)
    {
        lock (_trees)
        {
            if (_trees.TryGetValue(relative, out var files)) return files;
            var dir = Path.Combine(root, relative);
            files = known is not null && known.TryGetValue(relative, out var paths)
                ? paths.Select(p => (Path.Combine(root, p), p.Replace('\\', '/'))).ToList()
                : Directory.Exists(dir)
                ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(file => (file, Path.GetRelativePath(root, file).Replace('\\', '/'))).ToList()
                : [];
            _trees[relative] = files;
            return files;
        }
    }
}
