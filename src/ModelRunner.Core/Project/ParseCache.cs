using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace ModelRunner.Core.Project;

/// <summary>What loading found in one model file, kept so an unchanged file need not be parsed again.</summary>
public sealed record CachedModel(
    ImmutableArray<TemplateReference> Refs,
    ImmutableArray<TemplateReference> Sources,
    IReadOnlyDictionary<string, object?> Config);

/// <summary>A model's rendered SQL (before ephemeral CTEs are inlined) and its rendered hooks.</summary>
public sealed record CachedRender(string Sql, ImmutableArray<string> PreHooks, ImmutableArray<string> PostHooks);

/// <summary>
/// Partial parsing, as dbt's target/partial_parse.msgpack (file: <see cref="ParseCacheFile"/>): per model, what loading found and what rendering
/// produced, keyed by hashes of everything they depend on. The whole cache belongs to one fingerprint of the
/// project-wide inputs (ModelRunner's own build, models.yml, macros, property files, target, vars); when any of
/// those changes the cache starts empty. Models that read the clock or the environment (run_started_at,
/// env_var) are never cached. Entries not used by a run are dropped when it saves.
/// </summary>
public sealed class ParseCache
{
    public const string FileName = "partial_parse.bin";

    private readonly string _path;
    private readonly string _fingerprint;
    private readonly ConcurrentDictionary<string, CachedModel> _models;
    private readonly Lazy<ConcurrentDictionary<string, CachedRender>> _lazyRenders;
    private ConcurrentDictionary<string, CachedRender> Renders => _lazyRenders.Value;
    private readonly ConcurrentDictionary<string, CachedFile> _files;
    private readonly long _savedAtTicks;
    private readonly ConcurrentDictionary<string, byte> _used = new();
    private readonly ConcurrentDictionary<string, byte> _addedKeys = new();
    private int _hits;

    private ParseCache(string path, string fingerprint, ConcurrentDictionary<string, CachedModel> models,
        Lazy<ConcurrentDictionary<string, CachedRender>> renders, ConcurrentDictionary<string, CachedFile> files, long savedAtTicks)
    {
        _path = path; _fingerprint = fingerprint; _models = models; _lazyRenders = renders; _files = files; _savedAtTicks = savedAtTicks;
    }

    /// <summary>
    /// The content hash of a file, from the cache when its size and modification time are unchanged, as make and
    /// git do. A file modified after the cache was written is "racily clean" (git's term) and is read instead.
    /// </summary>
    public bool TryGetFileHash(string path, long length, DateTime modifiedUtc, out string hash)
    {
        hash = "";
        if (!_files.TryGetValue(path, out var file) || file.Length != length || file.ModifiedTicks != modifiedUtc.Ticks
            || modifiedUtc.Ticks >= _savedAtTicks)
            return false;
        hash = file.Hash;
        _used[path] = 0;
        return true;
    }

    public void PutFileHash(string path, long length, DateTime modifiedUtc, string hash)
    {
        var entry = new CachedFile(length, modifiedUtc.Ticks, hash);
        _used[path] = 0;
        if (_files.TryGetValue(path, out var existing) && existing == entry) return;
        _files[path] = entry;
        _addedKeys[path] = 0;
    }

    public string Fingerprint => _fingerprint;

    /// <summary>Entries served from the file this run (models and renders), for `--log-format json` and tests.</summary>
    public int Hits => _hits;

    /// <summary>128 bits of SHA-256 over the parts, NUL-separated: collision-safe for a cache, short in its file.</summary>
    public static string Hash(params string[] parts)
    {
        // The parts' UTF-8 bytes, NUL-separated, encoded into one pooled buffer: a compile hashes every model's text.
        var length = parts.Length - 1;
        foreach (var part in parts) length += Encoding.UTF8.GetByteCount(part);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(length, 0));
        try
        {
            var written = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) buffer[written++] = 0;
                written += Encoding.UTF8.GetBytes(parts[i], buffer.AsSpan(written));
            }
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexString(hash[..16]);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>A render's key starts with its model's key, so a model's renders live and die with it.</summary>
    public static string RenderKey(string modelKey, string renderInputs) => modelKey + ":" + renderInputs;

    /// <summary>Opens the cache at <paramref name="path"/>; an absent, unreadable or stale file gives an empty cache.</summary>
    public static ParseCache Open(string path, string fingerprint)
    {
        var contents = ParseCacheFile.Read(path, fingerprint);
        return new ParseCache(path, fingerprint,
            new ConcurrentDictionary<string, CachedModel>(contents?.Models ?? [], StringComparer.Ordinal),
            new Lazy<ConcurrentDictionary<string, CachedRender>>(() => new ConcurrentDictionary<string, CachedRender>(
                RendersOrNone(contents), StringComparer.Ordinal)),
            new ConcurrentDictionary<string, CachedFile>(contents?.Files ?? [], StringComparer.Ordinal),
            contents?.SavedAtTicks ?? 0);
    }

    private static IEnumerable<KeyValuePair<string, CachedRender>> RendersOrNone(ParseCacheContents? contents)
    {
        if (contents is null) return [];
        try { return contents.Renders.Result; }
        catch (AggregateException) { return []; } // a damaged tail only costs rendering again
    }

    public bool TryGetModel(string key, out CachedModel model)
    {
        if (!_models.TryGetValue(key, out model!)) return false;
        if (_used.TryAdd(key, 0) && !_addedKeys.ContainsKey(key)) Interlocked.Increment(ref _hits);
        return true;
    }

    public void PutModel(string key, CachedModel model)
    {
        _addedKeys[key] = 0;
        _models[key] = model;
        _used[key] = 0;
    }

    public bool TryGetRender(string key, out CachedRender render)
    {
        if (!Renders.TryGetValue(key, out render!)) return false;
        if (_used.TryAdd(key, 0) && !_addedKeys.ContainsKey(key)) Interlocked.Increment(ref _hits);
        return true;
    }

    public void PutRender(string key, CachedRender render)
    {
        _addedKeys[key] = 0;
        Renders[key] = render;
        _used[key] = 0;
    }

    /// <summary>Writes the entries this run used, when anything was added; a run served wholly from the cache writes nothing.</summary>
    public void Save()
    {
        if (_addedKeys.IsEmpty) return;
        // Renders used by this run, and those of models this run loaded but did not compile (a --select run
        // keeps the rest of the project's renders); a model rendered anew drops its older renders.
        var rendered = Renders.Keys.Where(_used.ContainsKey).Select(ModelKeyOf).ToHashSet(StringComparer.Ordinal);
        ParseCacheFile.Write(_path, _fingerprint, new ParseCacheContents(
            // Files modified from this instant on are not trusted by size and time (see TryGetFileHash).
            DateTime.UtcNow.Ticks,
            _files.Where(kv => _used.ContainsKey(kv.Key)).ToList(),
            _models.Where(kv => _used.ContainsKey(kv.Key)).ToList(),
            Task.FromResult(Renders.Where(kv => _used.ContainsKey(kv.Key)
                || (_used.ContainsKey(ModelKeyOf(kv.Key)) && !rendered.Contains(ModelKeyOf(kv.Key)))).ToList())));
    }

    private static string ModelKeyOf(string renderKey) => renderKey[..renderKey.IndexOf(':')];
}
