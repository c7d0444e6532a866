using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;
using ModelRunner.DuckDb;

namespace ModelRunner.TestSupport;

/// <summary>A throwaway project folder with models.yml, a DuckDB profile (temp file) and the files a test writes.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject(string name = "testproj", string? extraProjectYaml = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "mr-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Write("models.yml", $"name: {name}\nprofile: test\n{extraProjectYaml ?? ""}");
        Write("profiles/profiles.yml", """
            test:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: "{{ env_var('TEST_DB', 'db/test.duckdb') }}"
                  schema: main
                  threads: 2
            """);
    }

    /// <summary>A copy of another project's folder, its database and target/ included.</summary>
    public static TempProject CopyOf(TempProject other)
    {
        var project = new TempProject();
        foreach (var file in Directory.EnumerateFiles(other.Root, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project.Root, Path.GetRelativePath(other.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return project;
    }

    /// <summary>A copy of the repository's own project (models.yml, models/, macros/, profiles/), to run it as the README does.</summary>
    public static TempProject CopyOfRepositoryProject()
    {
        var project = new TempProject();
        var source = SharedData.RepositoryRoot;
        File.Copy(Path.Combine(source, "models.yml"), Path.Combine(project.Root, "models.yml"), overwrite: true);
        foreach (var folder in new[] { "models", "macros", "profiles" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder), "*", SearchOption.AllDirectories))
                project.Write(Path.Combine(folder, Path.GetRelativePath(Path.Combine(source, folder), file)), File.ReadAllText(file));
        return project;
    }

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "db", "test.duckdb");

    public TempProject Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
    public bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath));

    public WorkspaceOptions Options(string? vars = null, IReadOnlyDictionary<string, string>? env = null) =>
        new(Root, null, null, vars, env ?? new Dictionary<string, string>(), new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public static EngineRegistry Engines() => new(new IEngineFactory[] { new DuckDbEngineFactory() });

    public Workspace Open(string? vars = null, IReadOnlyDictionary<string, string>? env = null) => Workspace.Open(Options(vars, env), Engines());

    /// <summary>Compiles every model offline (no relation exists yet), as `compile --offline` does.</summary>
    public IReadOnlyList<CompiledNode> CompileOffline()
    {
        var workspace = Open();
        return workspace.CreateCompiler(RelationCatalog.Offline(), fullRefresh: false).CompileAll(workspace.Project.Nodes);
    }

    /// <summary>Runs statements against the project's DuckDB file, as another program writing to it would.</summary>
    public void Execute(string sql)
    {
        using var engine = Open().Connect();
        using var session = engine.OpenSession();
        session.Execute(sql);
    }

    /// <summary>Runs a query against the project's DuckDB file and returns the rows as strings.</summary>
    public IReadOnlyList<string> Query(string sql)
    {
        using var engine = Open().Connect();
        using var session = engine.OpenSession();
        return session.Query(sql).Rows.Select(r => string.Join("|", r.Select(v => v switch
        {
            null => "NULL",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }))).ToImmutableArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
