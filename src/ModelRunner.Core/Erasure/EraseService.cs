using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Erasure;

public sealed record EraseRequest(IReadOnlyList<string> Users, bool DryRun, bool Purge);

public sealed record ErasedTable(string Name, string Relation, long Rows);

/// <summary>What an erasure found and did; the models to rebuild are rebuilt by the caller, once the lock is released.</summary>
public sealed record EraseOutcome(
    ErasedIdentifiers Identifiers,
    IReadOnlyList<ErasedTable> Tables,
    IReadOnlyList<string> Rebuild,
    IReadOnlyList<string> KeptAsAnonymousCounts,
    IReadOnlyList<string> PurgeNow,
    IReadOnlyList<string> PurgeAfterRetention,
    bool Purged);

/// <summary>
/// `modelrunner erase`: GDPR erasure of people from the warehouse. The tables are every relation of the project's
/// manifest (the DAG's models and seeds, and those target/manifest.json recorded) and its sources (atomic.events,
/// unless the target says <c>erase_sources: false</c> because the loader owns them). The identifiers are the ones given,
/// the device and network ids found with them (a user_id's devices, as the user mapping stitches them), and the sessions
/// and page views of their rows; every row holding one goes, in one transaction where the engine has them, with an
/// audit record of hashed identifiers and rows per table.
/// </summary>
public sealed class EraseService
{
    public const string AuditTable = "modelrunner_erasures";
    private const int MaxRounds = 10;

    public EraseOutcome Erase(Workspace workspace, EraseRequest request)
    {
        var given = request.Users.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (given.Count == 0) throw new ProjectException("erase needs at least one --user ID (a domain_userid, network_userid, user_id or device_user_id)");
        using var runLock = request.DryRun ? null : RunLock.Acquire(workspace.Artifacts.TargetDirectory, workspace.Target.Name);
        // Rows of the packages' tables go: the next run builds them rather than reusing them (see PackageReuse).
        if (!request.DryRun) Running.ReuseRecords.Clear(workspace.Artifacts.TargetDirectory);
        using var engine = workspace.Connect(readOnly: request.DryRun);
        using var session = engine.OpenSession();
        var dialect = engine.Dialect;
        var (targets, byNode) = Targets(workspace, session, engine.Capabilities);
        var ids = Closure(dialect, session, targets, given);

        var found = new List<(EraseTarget Target, string Predicate, long Rows)>();
        foreach (var target in targets)
            if (ErasePlan.Predicate(dialect, target, ids) is { } predicate)
            {
                var rows = Convert.ToInt64(session.Query(ErasePlan.Count(dialect, target, predicate)).Rows[0][0], CultureInfo.InvariantCulture);
                if (rows > 0) found.Add((target, predicate, rows));
            }
        var tables = found.Select(f => new ErasedTable(f.Target.Name, f.Target.Relation.ToString(), f.Rows)).ToList();
        var (rebuild, kept) = Aggregates(workspace, byNode, found.Select(f => f.Target.Name).ToHashSet(StringComparer.Ordinal));
        var relations = found.Select(f => f.Target.Relation).ToList();
        // A purge asked for with nothing found still runs where it covers earlier erasures too (DuckDB rewrites its file).
        var purgeNow = relations.Count == 0 && !request.Purge ? [] : engine.DescribePurge(relations);
        var purgeLater = relations.Count == 0 ? [] : dialect.PurgeAfterRetention(relations);
        if (request.DryRun) return new EraseOutcome(ids, tables, rebuild, kept, purgeNow, purgeLater, false);

        var audit = dialect.Render(new Relation(workspace.Target.Database, workspace.Target.Schema, AuditTable));
        session.Execute(dialect.CreateSchema(workspace.Target.Database, workspace.Target.Schema));
        session.Execute($"create table if not exists {audit} (erased_at timestamp, identifiers string, relation string, rows_deleted bigint)");
        var at = dialect.TimestampLiteral(workspace.Options.RunStartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        var hashed = dialect.QuoteString(string.Join(",", given.Select(Hash).Order(StringComparer.Ordinal)));
        var statements = found.Select(f => ErasePlan.Delete(dialect, f.Target, f.Predicate))
            .Concat(tables.Count == 0
                ? [$"insert into {audit} values ({at}, {hashed}, '(nothing found)', 0)"]
                : tables.Select(t => $"insert into {audit} values ({at}, {hashed}, {dialect.QuoteString(t.Relation)}, {t.Rows})"))
            .ToList();
        session.ExecuteAtomically(statements);
        if (request.Purge) engine.PurgeDeleted(session, relations);
        return new EraseOutcome(ids, tables, rebuild, kept, purgeNow, purgeLater, request.Purge && purgeNow.Count > 0);
    }

    /// <summary>A SHA-256 of an identifier, for the audit record: who was erased can be checked, not read.</summary>
    public static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    /// <summary>
    /// The given ids, with the device, cookie and network ids found on the same rows (not other user_ids: a device shared
    /// with another logged-in person does not erase that person), and the sessions and page views of those rows, until
    /// nothing new is found.
    /// </summary>
    private static ErasedIdentifiers Closure(SqlDialect dialect, IEngineSession session, IReadOnlyList<EraseTarget> targets, IReadOnlyList<string> given)
    {
        var users = new SortedSet<string>(given, StringComparer.Ordinal);
        var sessions = new SortedSet<string>(StringComparer.Ordinal);
        var pageViews = new SortedSet<string>(StringComparer.Ordinal);
        var personIds = given.ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round < MaxRounds; round++)
        {
            var before = users.Count + sessions.Count + pageViews.Count;
            var current = new ErasedIdentifiers(users.ToImmutableSortedSet(StringComparer.Ordinal), sessions.ToImmutableSortedSet(StringComparer.Ordinal),
                pageViews.ToImmutableSortedSet(StringComparer.Ordinal));
            foreach (var target in targets)
            {
                if (ErasePlan.Predicate(dialect, target, current) is not { } predicate) continue;
                var select = string.Join(", ", target.Identifiers.Select(i => i.Expression));
                foreach (var row in session.Query($"select distinct {select} from {dialect.Render(target.Relation)}\nwhere {predicate}").Rows)
                    for (var i = 0; i < target.Identifiers.Count; i++)
                    {
                        if (row[i] is null or DBNull || Convert.ToString(row[i], CultureInfo.InvariantCulture) is not { Length: > 0 } value) continue;
                        var kind = target.Identifiers[i].Kind;
                        if (kind == IdentifierKind.Session) sessions.Add(value);
                        else if (kind == IdentifierKind.PageView) pageViews.Add(value);
                        else if (kind == IdentifierKind.User || personIds.Contains(value)) users.Add(value);
                    }
            }
            if (users.Count + sessions.Count + pageViews.Count == before) break;
        }
        return new ErasedIdentifiers(users.ToImmutableSortedSet(StringComparer.Ordinal), sessions.ToImmutableSortedSet(StringComparer.Ordinal),
            pageViews.ToImmutableSortedSet(StringComparer.Ordinal));
    }

    /// <summary>Every table with identifying columns: the sources (unless the target turns them off) and the project's relations.</summary>
    private static (List<EraseTarget> Targets, Dictionary<string, (ProjectNode Node, IReadOnlyList<ColumnInfo> Columns)> ByNode) Targets(
        Workspace workspace, IEngineSession session, EngineCapabilities capabilities)
    {
        var candidates = new List<(string Name, Relation Relation, ProjectNode? Node)>();
        if (EraseSources(workspace.Target))
            foreach (var source in workspace.Project.Sources)
                foreach (var table in source.Tables)
                    candidates.Add(($"{source.Name}.{table.Name}", workspace.Namer.SourceRelation(source, table), null));
        foreach (var node in workspace.Dag.Ordered.Where(n => !n.IsEphemeral))
            candidates.Add((node.Name, workspace.Namer.RelationOf(node), node));
        foreach (var (name, relation) in ManifestRelations(workspace.Artifacts.TargetDirectory))
            if (candidates.All(c => !c.Relation.Equals(relation))) candidates.Add((name, relation, null));

        var targets = new List<EraseTarget>();
        var byNode = new Dictionary<string, (ProjectNode, IReadOnlyList<ColumnInfo>)>(StringComparer.Ordinal);
        foreach (var schema in candidates.GroupBy(c => (c.Relation.Database, c.Relation.Schema)))
        {
            var existing = new Dictionary<string, RelationKind>(session.ListRelations(schema.Key.Database, schema.Key.Schema), StringComparer.OrdinalIgnoreCase);
            // Views recompute themselves; the tables' columns in one round trip per schema.
            var tables = schema.Where(c => existing.GetValueOrDefault(c.Relation.Identifier) == RelationKind.Table).ToList();
            var columnsOf = session.GetColumnsOf(tables.Select(t => t.Relation).ToList());
            foreach (var (name, relation, node) in tables)
            {
                var columns = columnsOf[relation];
                if (node is not null) byNode[node.Name] = (node, columns);
                var identifiers = Identifiers(columns, capabilities, workspace.EngineFactory.Dialect);
                if (identifiers.Count > 0) targets.Add(new EraseTarget(name, relation, identifiers));
            }
        }
        return (targets, byNode);
    }

    /// <summary>Whether the sources are erased too: the target's erase_sources (default true; false when the loader owns them).</summary>
    private static bool EraseSources(TargetSettings target) => target.Settings.GetValueOrDefault("erase_sources") switch
    {
        null or true or "true" => true,
        false or "false" => false,
        var other => throw new ProjectException($"{target.ProfilesFile}: erase_sources of target '{target.Name}' must be true or false (got '{other}')"),
    };

    /// <summary>The identifying columns of a table, and in atomic.events the ids inside the session and page contexts.</summary>
    private static List<(string Expression, IdentifierKind Kind)> Identifiers(IReadOnlyList<ColumnInfo> columns, EngineCapabilities capabilities, SqlDialect dialect)
    {
        var result = IdentifierColumns.Of(columns.Select(c => c.Name)).Select(c => (dialect.QuoteIdentifier(c.Column), c.Kind)).ToList();
        string Nested(string column, string field) => $"{dialect.QuoteIdentifier(column)}[{capabilities.ListIndexBase}].{field}";
        const string ClientSession = "contexts_com_snowplowanalytics_snowplow_client_session_1";
        const string WebPage = "contexts_com_snowplowanalytics_snowplow_web_page_1";
        if (columns.Any(c => c.Name.Equals(ClientSession, StringComparison.OrdinalIgnoreCase)))
        {
            result.Add((Nested(ClientSession, "user_id"), IdentifierKind.User));
            result.Add((Nested(ClientSession, "session_id"), IdentifierKind.Session));
        }
        if (columns.Any(c => c.Name.Equals(WebPage, StringComparison.OrdinalIgnoreCase)))
            result.Add((Nested(WebPage, "id"), IdentifierKind.PageView));
        return result;
    }

    /// <summary>The relations target/manifest.json recorded (a model since removed may still hold rows).</summary>
    private static IEnumerable<(string Name, Relation Relation)> ManifestRelations(string targetDirectory)
    {
        var path = Path.Combine(targetDirectory, "manifest.json");
        if (!File.Exists(path)) yield break;
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ProjectException($"{path}: not a manifest.json this program can read ({e.Message}); run 'modelrunner compile' to write it again"); }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("nodes", out var nodes)) yield break;
            foreach (var node in nodes.EnumerateObject())
            {
                var n = node.Value;
                if (!n.TryGetProperty("schema", out var schema) || !n.TryGetProperty("alias", out var alias)) continue;
                var database = n.TryGetProperty("database", out var db) && db.ValueKind == JsonValueKind.String ? db.GetString() : null;
                yield return (n.GetProperty("name").GetString() ?? node.Name, new Relation(database, schema.GetString()!, alias.GetString()!));
            }
        }
    }

    /// <summary>
    /// Models downstream of what lost rows that hold no identifier themselves (counts over people): tables are rebuilt from
    /// what is left; incremental ones keep their counts, now anonymous (rebuilding them would lose the history they keep).
    /// </summary>
    private static (List<string> Rebuild, List<string> Kept) Aggregates(Workspace workspace,
        Dictionary<string, (ProjectNode Node, IReadOnlyList<ColumnInfo> Columns)> byNode, HashSet<string> erased)
    {
        var downstream = erased.Where(workspace.Dag.ByName.ContainsKey).SelectMany(n => workspace.Dag.Descendants(n)).ToHashSet(StringComparer.Ordinal);
        var rebuild = new List<string>();
        var kept = new List<string>();
        foreach (var name in workspace.Dag.Ordered.Select(n => n.Name).Where(downstream.Contains))
        {
            if (erased.Contains(name) || !byNode.TryGetValue(name, out var entry) || IdentifierColumns.Of(entry.Columns.Select(c => c.Name)).Count > 0) continue;
            if (entry.Node.Config.Materialized == "table") rebuild.Add(name);
            else if (entry.Node.Config.Materialized == "incremental") kept.Add(name);
        }
        return (rebuild, kept);
    }
}
