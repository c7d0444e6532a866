using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

public sealed partial class FolderConfig
{
    /// <summary>
    /// Folder paths of this config that no node lies under, as dbt warns of "unused configuration paths": a misspelt
    /// folder (<c>stagin: {+materialized: view}</c>) would otherwise configure nothing without a word. A path is
    /// read as <see cref="For"/> and <see cref="ForPackage"/> read it: under the project's name (or, without that key,
    /// directly under the section), or under a package's name for that package's nodes.
    /// </summary>
    public IEnumerable<Diagnostic> UnusedPaths(string section, string what, IReadOnlyCollection<IReadOnlyList<string>> projectFolders,
        IReadOnlyDictionary<string, List<IReadOnlyList<string>>> packageFolders)
    {
        if (_root is null) return [];
        var unused = new List<Diagnostic>();
        var hasProjectLevel = _root.GetValueOrDefault(_projectName) is YamlMap;
        foreach (var (key, value) in _root)
        {
            if (value is not YamlMap level || key.StartsWith('+')) continue;
            if (key == _projectName) Below(level, [], projectFolders, $"{section}.{key}");
            else if (packageFolders.TryGetValue(key, out var folders)) Below(level, [], folders, $"{section}.{key}");
            else if (!hasProjectLevel) Check(_root, key, level, [], projectFolders, section);
            else unused.Add(Unused(_root, key, $"{section}.{key}"));
        }
        return unused;

        void Below(YamlMap level, IReadOnlyList<string> prefix, IReadOnlyCollection<IReadOnlyList<string>> folders, string dotted)
        {
            foreach (var (key, value) in level)
                if (value is YamlMap below && !key.StartsWith('+')) Check(level, key, below, prefix, folders, dotted);
        }

        void Check(YamlMap level, string key, YamlMap below, IReadOnlyList<string> prefix, IReadOnlyCollection<IReadOnlyList<string>> folders, string dotted)
        {
            IReadOnlyList<string> path = [.. prefix, key];
            if (folders.Any(f => f.Count >= path.Count && f.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal)))
                Below(below, path, folders, $"{dotted}.{key}");
            else unused.Add(Unused(level, key, $"{dotted}.{key}"));
        }

        Diagnostic Unused(YamlMap level, string key, string dotted) =>
            new($"the config path {dotted} applies to no {what}: no folder of that name holds one (a misspelt folder, or a config key written without its '+')",
                level.File, level.LineOf(key));
    }
}
