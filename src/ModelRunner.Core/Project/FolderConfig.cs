using ModelRunner.Core.Yaml;

namespace ModelRunner.Core.Project;

/// <summary>
/// Folder-level config from models.yml (<c>models:</c> / <c>seeds:</c>), nested by folder as in dbt:
/// keys starting with '+' (or known config names) are configs, other keys are sub-folders.
/// </summary>
public sealed partial class FolderConfig
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "materialized", "tags", "schema", "enabled", "unique_key", "alias", "database", "incremental_strategy",
        "partition_by", "cluster_by", "pre_hook", "post_hook", "pre-hook", "post-hook", "on_schema_change",
        "column_types", "full_refresh", "persist_docs", "meta", "docs", "tblproperties", "file_format",
        "severity", "warn_if", "error_if", "where", "limit", "store_failures", "run_scoped",
    };

    private readonly YamlMap? _root;
    private readonly string _projectName;

    public FolderConfig(YamlMap? root, string projectName)
    {
        _root = root;
        _projectName = projectName;
    }

    /// <summary>Config for a node at <paramref name="folders"/> (path segments below the model path), outermost first.</summary>
    public NodeConfig For(IReadOnlyList<string> folders)
    {
        var config = NodeConfig.Empty;
        if (_root is null) return config;
        var level = _root;
        config = Apply(config, level);
        // dbt nests folder configs under the project name; accept both that and folders directly.
        if (level.GetValueOrDefault(_projectName) is YamlMap projectLevel)
        {
            level = projectLevel;
            config = Apply(config, level);
        }
        return Walk(config, level, folders);
    }

    /// <summary>The configs at the top of the tree only (not under the project's name or a folder): they reach every node, packages' too.</summary>
    public NodeConfig TopLevel() => _root is null ? NodeConfig.Empty : Apply(NodeConfig.Empty, _root);

    /// <summary>
    /// Config the project sets for a package's nodes under the package's name (<c>models: {snowplow_web: {+schema: x}}</c>,
    /// as dbt scopes a package's config), <paramref name="folders"/> being the path below the package's folder.
    /// </summary>
    public NodeConfig ForPackage(string packageName, IReadOnlyList<string> folders, NodeConfig config)
    {
        return _root?.GetValueOrDefault(packageName) is YamlMap level ? Walk(Apply(config, level), level, folders) : config;
    }

    /// <summary>Applies the configs of each folder below <paramref name="level"/> along <paramref name="folders"/>, outermost first.</summary>
    private static NodeConfig Walk(NodeConfig config, YamlMap level, IReadOnlyList<string> folders)
    {
        foreach (var folder in folders)
        {
            if (level.GetValueOrDefault(folder) is not YamlMap next) break;
            level = next;
            config = Apply(config, level);
        }
        return config;
    }

    /// <summary>Where in the file a config key is set at some level of the tree (as <c>+key</c> or a known key), for diagnostics.</summary>
    public (string File, int Line)? WhereSet(string key) => _root is null ? null : Find(_root, key);

    private static (string File, int Line)? Find(YamlMap level, string key)
    {
        foreach (var (name, value) in level)
        {
            if (NodeConfig.NormalizeKey(name.TrimStart('+')) == key && (name.StartsWith('+') || value is not YamlMap)) return (level.File, level.Line);
            if (value is YamlMap below && Find(below, key) is { } found) return found;
        }
        return null;
    }

    private static NodeConfig Apply(NodeConfig config, YamlMap level) =>
        config.With(level.Where(kv => kv.Key.StartsWith('+') || (KnownKeys.Contains(kv.Key) && kv.Value is not YamlMap)));
}
