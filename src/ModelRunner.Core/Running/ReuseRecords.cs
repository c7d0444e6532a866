using System.Collections.Immutable;
using System.Text.Json;
using ModelRunner.Core.Json;

namespace ModelRunner.Core.Running;

/// <summary>
/// What the last complete run of each package left (target/reuse_state.json): the package's fingerprint (its code and
/// target), and its input signal before and after that run. A package is reused when the signal has not moved since,
/// and had not moved during that run either (see <see cref="PackageReuse"/>).
/// </summary>
public sealed record ReuseRecord(string Target, string Package, string Fingerprint, string Before, string After, string RecordedAt);

/// <summary>Reads and writes target/reuse_state.json. A missing, unreadable or damaged file holds no record: packages then build.</summary>
public static class ReuseRecords
{
    public const string FileName = "reuse_state.json";

    public static ImmutableArray<ReuseRecord> Read(string targetDirectory)
    {
        var path = Path.Combine(targetDirectory, FileName);
        try
        {
            if (!File.Exists(path)) return [];
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var records = ImmutableArray.CreateBuilder<ReuseRecord>();
            foreach (var entry in document.RootElement.GetProperty("packages").EnumerateArray())
            {
                string Get(string name) => entry.GetProperty(name).GetString() ?? throw new FormatException(name);
                records.Add(new ReuseRecord(Get("target"), Get("package"), Get("fingerprint"), Get("before"), Get("after"), Get("recorded_at")));
            }
            return records.ToImmutable();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
                                       or InvalidOperationException or FormatException)
        {
            return []; // nothing is reused: the packages build, and the next complete run writes the file again
        }
    }

    /// <summary>Writes the records through a temporary file, so a reader never sees half a file.</summary>
    public static void Write(string targetDirectory, IEnumerable<ReuseRecord> records)
    {
        Directory.CreateDirectory(targetDirectory);
        var document = new Dictionary<string, object?>
        {
            ["packages"] = records.OrderBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.Package, StringComparer.Ordinal)
                .Select(r => new Dictionary<string, object?>
                {
                    ["target"] = r.Target, ["package"] = r.Package, ["fingerprint"] = r.Fingerprint,
                    ["before"] = r.Before, ["after"] = r.After, ["recorded_at"] = r.RecordedAt,
                }).ToList(),
        };
        var path = Path.Combine(targetDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, PlainJson.Serialize(document, indented: true));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Forgets every record (run-operation: a macro may have changed any table).</summary>
    public static void Clear(string targetDirectory)
    {
        var path = Path.Combine(targetDirectory, FileName);
        if (File.Exists(path)) File.Delete(path);
    }
}
