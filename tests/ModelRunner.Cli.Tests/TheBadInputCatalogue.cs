using System.Text;
using DuckDB.NET.Data;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// Every bad input we know of, one row each: a project that built once (tables, an incremental model, a seed) is
/// broken in one way, a command runs, and the answer is the exit code and message the README promises, never a stack
/// trace, and the database exactly as it was. Exit 2: refused before anything runs; exit 1: a node failed and the
/// relations it would have replaced are kept.
/// </summary>
public class TheBadInputCatalogue(TheBadInputCatalogue.BuiltProject built) : IClassFixture<TheBadInputCatalogue.BuiltProject>
{
    /// <summary>The project every case starts from, built once: a table, an incremental model and a seed.</summary>
    public sealed class BuiltProject : IDisposable
    {
        public TempProject Project { get; } = new TempProject(extraProjectYaml: "seed-paths: [seeds]\n")
            .Write("models/keep.sql", "{{ config materialized: 'table' }}select range as id from range(3)")
            .Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'fail' }}select range as id, 'x' as label from range(2)")
            .Write("models/keep.yml", "models:\n  - name: keep\n    columns:\n      - name: id\n        data_tests: [not_null]\n")
            .Write("seeds/people.csv", "id,name\n1,ann\n2,bob\n")
            .Write("macros/admin.sql", "{{~ func drop_copy(copy)\n  ret 'drop table if exists main.' + copy\nend ~}}");

        public BuiltProject()
        {
            var result = Project.Cli("build");
            if (result.ExitCode != 0) throw new InvalidOperationException("the starting project does not build:\n" + result.All);
        }

        public void Dispose() => Project.Dispose();
    }

    private sealed record Case(string[] Command, int ExitCode, string[] Expected, Action<TempProject> Break);

    private static Case Refused(string command, string[] expected, Action<TempProject> breakIt) => new(command.Split(' '), 2, expected, breakIt);
    private static Case Failed(string command, string[] expected, Action<TempProject> breakIt) => new(command.Split(' '), 1, expected, breakIt);
    private static Action<TempProject> Writes(string path, string content) => p => p.Write(path, content);
    private static Action<TempProject> Nothing => _ => { };
    private const string Profiles = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: db/test.duckdb\n      schema: main\n";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Templates
        ["template syntax error"] = Refused("run", ["models/a.sql:1:", "[a]"], Writes("models/a.sql", "select {{ 1 + }}")),
        ["unclosed template block"] = Refused("run", ["models/a.sql:", "[a]"], Writes("models/a.sql", "{{ if true }}select 1")),
        ["unknown ref, with a suggestion"] = Refused("run", ["models/a.sql:1:", "Did you mean 'keep'"], Writes("models/a.sql", "select * from {{ ref 'kep' }}")),
        ["ref to a disabled model"] = Refused("run", ["models/a.sql:", "off"], p => p.Write("models/off.sql", "{{ config enabled: false }}select 1 as id").Write("models/a.sql", "select * from {{ ref 'off' }}")),
        ["unknown source"] = Refused("run", ["unknown source 'atomic'", "[a]"], Writes("models/a.sql", "select * from {{ source 'atomic' 'events' }}")),
        ["unknown table of a known source"] = Refused("run", ["events", "[a]"], p => p.Write("models/src.yml", "sources:\n  - name: atomic\n    tables:\n      - name: events\n").Write("models/a.sql", "select * from {{ source 'atomic' 'evnts' }}")),
        ["missing variable"] = Refused("run", ["models/a.sql:1:", "variable 'missing'", "[a]"], Writes("models/a.sql", "select {{ var 'missing' }}")),
        ["a member the object does not have"] = Refused("run", ["models/a.sql:1:", "Cannot get member with name identifer", "[a]"], Writes("models/a.sql", "select '{{ this.identifer }}' as id")),
        ["a model of two statements"] = Refused("run", ["models/a.sql: error: a model is one query, but its SQL goes on after a ';' (line 2", "[a]"],
            Writes("models/a.sql", "select 1 as id;\ndelete from keep")),
        ["unknown function"] = Refused("run", ["models/a.sql:1:", "no_such_macro", "[a]"], Writes("models/a.sql", "select {{ no_such_macro 'x' }}")),
        ["broken model outside the selection"] = Refused("run -s keep", ["models/other.sql:1:", "[other]"], Writes("models/other.sql", "select {{ no_such_macro 'x' }} as id")),
        ["missing variable outside the selection"] = Refused("compile --offline -s keep", ["models/other.sql:1:", "missing_var"], Writes("models/other.sql", "select {{ var 'missing_var' }} as id")),
        ["dependency cycle"] = Refused("run", ["dependency cycle", "a -> b -> a"], p => p.Write("models/a.sql", "select * from {{ ref 'b' }}").Write("models/b.sql", "select * from {{ ref 'a' }}")),
        ["self reference"] = Refused("run", ["a"], Writes("models/a.sql", "select * from {{ ref 'a' }}")),
        ["two models of one name"] = Refused("run", ["keep", "models/sub/keep.sql"], Writes("models/sub/keep.sql", "select 9 as id")),
        ["env_var that is not set"] = Refused("run", ["SECRET_THING"], Writes("models/a.sql", "select '{{ env_var \"SECRET_THING\" }}'")),
        ["package input-signal that does not parse"] = Refused("run", ["models/pk/package.yml (input-signal):1:"], Writes("models/pk/package.yml", "name: pk\ninput-signal: \"select {{ 1 + }}\"\n")),
        ["package input-signal that is not a query"] = Refused("run", ["models/pk/package.yml", "'input-signal' takes a query template"], Writes("models/pk/package.yml", "name: pk\ninput-signal: [a, b]\n")),
        ["macro syntax error"] = Refused("run", ["macros/m.sql:"], Writes("macros/m.sql", "{{ func greet()\n ret 'x' +\nend }}")),
        ["model saved as Latin-1"] = Refused("run", ["models/cafe.sql:2:", "not valid UTF-8 (byte 0xE9)"], p => File.WriteAllBytes(Path.Combine(p.Root, "models", "cafe.sql"), Encoding.Latin1.GetBytes("-- names\nselect 'café' as name\n"))),
        // An edited model compiled alone (see AnEditedModelIsRenderedAlone) stands aside for a broken one: the whole compile reports it.
        ["model broken after an offline compile"] = Refused("compile --offline", ["models/keep.sql:1:", "[keep]"],
            p => { Assert.Equal(0, p.Cli("compile", "--offline").ExitCode); p.Write("models/keep.sql", "{{ config materialized: 'table' }}select {{ 1 + }} as id"); }),
        ["damaged compile state"] = Refused("compile --offline", ["models/keep.sql:1:", "[keep]"],
            p => { Assert.Equal(0, p.Cli("compile", "--offline").ExitCode); p.Write("target/compile_state.json", "inputs x\nmodel_files y\noutputs z\nmodels two\n"); p.Write("models/keep.sql", "select {{ 1 + }} as id"); }),
        ["macro saved as Latin-1"] = Refused("compile --offline", ["macros/m.sql:2:"], p => { Directory.CreateDirectory(Path.Combine(p.Root, "macros")); File.WriteAllBytes(Path.Combine(p.Root, "macros", "m.sql"), Encoding.Latin1.GetBytes("{{ func greet()\n ret \"'olá'\"\nend }}")); }),
        ["dangling model file"] = Refused("run", ["models/b.sql: error: cannot read"], p => File.CreateSymbolicLink(Path.Combine(p.Root, "models", "b.sql"), Path.Combine(p.Root, "nowhere", "gone"))),
        ["dangling property file"] = Refused("run", ["models/b.yml: error: cannot read"], p => File.CreateSymbolicLink(Path.Combine(p.Root, "models", "b.yml"), Path.Combine(p.Root, "nowhere", "gone"))),
        ["singular data test with a syntax error"] = Refused("build", ["models/tests/t.sql:1:"], Writes("models/tests/t.sql", "select * from {{ ref 'keep' + }}\n")),

        // Config
        ["misspelled config key"] = Refused("run", ["models/a.sql:1:", "unknown config key 'materialised'", "Did you mean 'materialized'?"], Writes("models/a.sql", "{{ config materialised: 'table' }}select 1 as id")),
        ["enabled that is neither true nor false"] = Refused("run", ["models/a.sql:1:", "enabled must be true or false (got 'yes')", "[a]"], Writes("models/a.sql", "{{ config enabled: 'yes' }}select 1 as id")),
        ["full_refresh that is neither true nor false, in models.yml"] = Refused("compile --offline", ["models.yml:", "full_refresh must be true or false (got 'no')"],
            Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\nmodels:\n  +full_refresh: 'no'\n")),
        ["a meta that is not a mapping"] = Refused("run", ["models/a.sql:1:", "meta is a mapping, e.g. meta: {owner: analytics} (got [1])"], Writes("models/a.sql", "{{ config meta: [1] }}select 1 as id")),
        ["a pre_hook list holding a list"] = Refused("run", ["models/a.sql:1:", "pre_hook takes a SQL text or a list of them (got [[select 1]])"], Writes("models/a.sql", "{{ config pre_hook: [['select 1']] }}select 1 as id")),
        ["a schema that is a list"] = Refused("run", ["models/a.sql:1:", "schema takes one name (got [x, y])"], Writes("models/a.sql", "{{ config schema: ['x', 'y'] }}select 1 as id")),
        ["a property file nested 100,000 levels deep (a stack overflow in the YAML library)"] = Refused("run", ["models/deep.yml:3:", "nested deeper than 200 levels"],
            Writes("models/deep.yml", "models:\n  - name: keep\n    meta: " + new string('[', 100_000) + new string(']', 100_000) + "\n")),
        ["a seed's enabled that is neither true nor false"] = Refused("seed", ["seeds/people.yml:2:", "enabled must be true or false (got 'yes')", "[people]"],
            Writes("seeds/people.yml", "seeds:\n  - name: people\n    config:\n      enabled: 'yes'\n")),
        ["an empty seed file"] = Refused("seed", ["seeds/empty.csv:1:", "the file is empty: a seed needs a header line"], Writes("seeds/empty.csv", "")),
        ["column_types that is not a map of types"] = Refused("seed", ["seeds/people.yml:2:", "column_types maps columns to types", "(got 5)"],
            Writes("seeds/people.yml", "seeds:\n  - name: people\n    config:\n      column_types: 5\n")),
        ["a partition column given as a map"] = Refused("compile --offline", ["models/a.sql:1:", "partition_by takes a name or a list of names (got {day: 1})"],
            Writes("models/a.sql", "{{ config materialized: 'table' partition_by: {day: 1} }}select 1 as id")),
        ["tblproperties that is not a map"] = Refused("compile --offline", ["models/a.sql:1:", "tblproperties maps property names to values", "(got 5)"],
            Writes("models/a.sql", "{{ config materialized: 'table' tblproperties: 5 }}select 1 as id")),
        ["an empty alias"] = Refused("run", ["models/a.sql:1:", "alias cannot be empty"], Writes("models/a.sql", "{{ config alias: '' }}select 1 as id")),
        ["a database DuckDB has not attached"] = Refused("run", ["models/a.sql", "cannot create the schema main in database elsewhere for 'a'", "[a]"],
            Writes("models/a.sql", "{{ config materialized: 'table' database: 'elsewhere' }}select 1 as id")),
        ["custom config key outside meta"] = Refused("run", ["unknown config key 'owner'", "Custom keys go under meta:"], Writes("models/a.sql", "{{ config materialized: 'table' owner: 'sales' }}select 1 as id")),
        ["contract"] = Refused("run", ["contract is not supported"], Writes("models/a.sql", "{{ config materialized: 'table' contract: {enforced: true} }}select 1 as id")),
        ["unknown materialization"] = Refused("compile --offline", ["unknown materialization 'tabel'", "Did you mean 'table'?", "[a]"], Writes("models/a.sql", "{{ config materialized: 'tabel' }}select 1 as id")),
        ["unknown incremental strategy"] = Refused("run", ["unknown incremental_strategy 'upsert'"], Writes("models/a.sql", "{{ config materialized: 'incremental' incremental_strategy: 'upsert' unique_key: 'id' }}select 1 as id")),
        ["merge without unique_key"] = Refused("compile --offline", ["incremental_strategy merge needs unique_key"], Writes("models/a.sql", "{{ config materialized: 'incremental' incremental_strategy: 'merge' }}select 1 as id")),
        ["delete+insert without unique_key"] = Refused("run", ["incremental_strategy delete+insert needs unique_key"], Writes("models/a.sql", "{{ config materialized: 'incremental' incremental_strategy: 'delete+insert' }}select 1 as id")),
        ["insert_overwrite without partition_by"] = Refused("run", ["insert_overwrite needs partition_by"], Writes("models/a.sql", "{{ config materialized: 'incremental' incremental_strategy: 'insert_overwrite' }}select 1 as id")),
        ["unknown on_schema_change"] = Refused("run", ["unknown on_schema_change 'append'"], Writes("models/a.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'append' }}select 1 as id")),
        ["misspelled key in a property file"] = Refused("compile --offline", ["models/a.yml:2:", "unknown config key 'materialised'"], p => p.Write("models/a.sql", "select 1 as id").Write("models/a.yml", "models:\n  - name: a\n    config:\n      materialised: table\n")),
        ["misspelled folder config in models.yml"] = Refused("run", ["models.yml:", "materialised"], Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\nmodels:\n  testproj:\n    +materialised: table\n")),
        ["unknown data test"] = Refused("build", ["models/keep.yml:", "uniqe"], Writes("models/keep.yml", "models:\n  - name: keep\n    columns:\n      - name: id\n        data_tests: [uniqe]\n")),

        // YAML
        ["YAML syntax error in a property file"] = Refused("run", ["models/a.yml:"], p => p.Write("models/a.sql", "select 1").Write("models/a.yml", "models:\n  - name: a\n    description: \"unclosed\n")),
        ["unclosed flow sequence in a property file"] = Refused("compile --offline", ["models/a.yml:5:21:", "is not closed"], p => p.Write("models/a.sql", "select 1 as id").Write("models/a.yml", "models:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [not_null, unique\n      - name: other\n")),
        ["unclosed flow mapping in models.yml"] = Refused("compile --offline", ["models.yml:3:7:", "is not closed"], Writes("models.yml", "name: testproj\nprofile: test\nvars: {a: 1\nmodels: {}\n")),
        ["models.yml with a tab indent"] = Refused("run", ["models.yml:"], Writes("models.yml", "name: testproj\nprofile: test\nvars:\n\ta: 1\n")),
        ["dangling models.yml"] = Refused("run", ["models.yml"], p => { File.Delete(Path.Combine(p.Root, "models.yml")); File.CreateSymbolicLink(Path.Combine(p.Root, "models.yml"), Path.Combine(p.Root, "nowhere")); }),
        // A message about one key names that key's line, not its mapping's.
        ["models.yml key of the wrong kind"] = Refused("compile --offline", ["models.yml:4:", "'model-paths' must be a list"],
            Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\nmodel-paths: 5\n")),
        ["misspelled key in models.yml"] = Refused("compile --offline", ["models.yml:5:", "unknown key 'modle-paths'", "Did you mean 'model-paths'?"],
            Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\n\nmodle-paths: [models]\n")),
        ["project name that is a list"] = Refused("compile --offline", ["models.yml:1:", "'name' takes one value, not a list"],
            Writes("models.yml", "name: [testproj]\nprofile: test\nseed-paths: [seeds]\n")),
        ["model description that is a list"] = Refused("compile --offline", ["models/a.yml:3:", "'description' takes one value, not a list"],
            p => p.Write("models/a.sql", "select 1 as id").Write("models/a.yml", "models:\n  - name: a\n    description: [one, two]\n")),
        ["accepted_values whose values are not a list"] = Refused("compile --offline", ["models/a.yml:", "test 'accepted_values' on 'a': values takes a list, e.g. values: [a, b] (got 'open')"],
            p => p.Write("models/a.sql", "select 'open' as status").Write("models/a.yml", "models:\n  - name: a\n    columns:\n      - name: status\n        data_tests: [{accepted_values: {values: open}}]\n")),
        ["misspelled top-level key in a property file"] = Refused("compile --offline", ["models/a.yml:3:", "unknown key 'sauces'", "Did you mean 'sources'?"],
            p => p.Write("models/a.sql", "select 1 as id").Write("models/a.yml", "models:\n  - name: a\nsauces:\n  - name: raw\n")),
        ["profiles.yml missing"] = Refused("run", ["profiles.yml"], p => File.Delete(Path.Combine(p.Root, "profiles", "profiles.yml"))),
        ["threads in profiles.yml that is not a number"] = Refused("run", ["profiles/profiles.yml:8:", "threads must be a whole number of 1 or more (got 'many')"],
            Writes("profiles/profiles.yml", Profiles + "      threads: many\n")),
        ["threads in profiles.yml below one"] = Refused("run", ["profiles/profiles.yml:8:", "threads must be a whole number of 1 or more (got '0')"],
            Writes("profiles/profiles.yml", Profiles + "      threads: 0\n")),
        // A setting of the wrong kind was dropped without a word (a path run in memory, extensions or settings ignored) or failed unexpectedly.
        ["busy_timeout that is not a number"] = Refused("run", ["profiles/profiles.yml", "target 'dev': busy_timeout must be a number of seconds, 0 or more (got soon)"],
            Writes("profiles/profiles.yml", Profiles + "      busy_timeout: soon\n")),
        ["DuckDB path that is not text"] = Refused("run", ["profiles/profiles.yml", "target 'dev': path must be a file path or ':memory:' (got 5)"],
            Writes("profiles/profiles.yml", Profiles.Replace("path: db/test.duckdb", "path: 5"))),
        ["DuckDB extensions that are not names"] = Refused("run", ["profiles/profiles.yml", "target 'dev': extensions must be a list of extension names"],
            Writes("profiles/profiles.yml", Profiles + "      extensions: {json: true}\n")),
        ["DuckDB settings that are not a mapping"] = Refused("run", ["profiles/profiles.yml", "target 'dev': settings must be a mapping of DuckDB setting to value"],
            Writes("profiles/profiles.yml", Profiles + "      settings: [threads]\n")),
        ["schema in profiles.yml that is a list"] = Refused("run", ["profiles/profiles.yml:7:", "schema takes one name (got [a, b])"],
            Writes("profiles/profiles.yml", Profiles.Replace("schema: main", "schema: [a, b]"))),
        ["unknown setting in profiles.yml"] = Refused("run", ["profiles/profiles.yml:8:", "unknown setting(s) 'memory_limt'", "Did you mean 'memory_limit'?"],
            Writes("profiles/profiles.yml", Profiles + "      memory_limt: 1GB\n")),
        ["unknown engine type"] = Refused("run", ["postgres"], Writes("profiles/profiles.yml", Profiles.Replace("duckdb", "postgres"))),
        ["unknown target"] = Refused("run --target prod", ["target 'prod' not found"], Nothing),
        ["unknown profile"] = Refused("run", ["profile 'other' not found"], Writes("models.yml", "name: testproj\nprofile: other\n")),
        // (without unixODBC on the machine, the driver manager is named instead: also "ODBC … not installed", also exit 2)
        ["ODBC driver not registered"] = Refused("run --target warehouse", ["ODBC", "not installed"],
            Writes("profiles/profiles.yml", Profiles + "    warehouse:\n      type: databricks\n      host: adb-1.azuredatabricks.net\n"
                + "      http_path: /sql/1.0/warehouses/abc\n      token: dapi1\n      driver: NoSuchDriver\n      catalog: main\n      schema: analytics\n")),
        ["insert_replace_on neither true nor false"] = Refused("run --target warehouse", ["target 'warehouse': insert_replace_on must be true or false, not 'maybe'"],
            Writes("profiles/profiles.yml", Profiles + "    warehouse:\n      type: databricks\n      host: adb-1.azuredatabricks.net\n"
                + "      http_path: /sql/1.0/warehouses/abc\n      token: dapi1\n      insert_replace_on: maybe\n      catalog: main\n      schema: analytics\n")),
        ["DuckDB storage format it does not know"] = Refused("run", ["target 'dev'", "storage_compatibility_version", "v9.9.9"],
            Writes("profiles/profiles.yml", Profiles + "      settings:\n        storage_compatibility_version: v9.9.9\n")),
        ["DuckDB setting it does not know"] = Refused("run", ["target 'dev'", "no_such_setting"],
            Writes("profiles/profiles.yml", Profiles + "      settings:\n        no_such_setting: 1\n")),
        ["database folder missing outside the project"] = Refused("run", ["/tmp/mr-no-such-folder-42/sub", "does not exist"], Writes("profiles/profiles.yml", Profiles.Replace("db/test.duckdb", "/tmp/mr-no-such-folder-42/sub/db.duckdb"))),

        ["freshness without loaded_at_field"] = Refused("source freshness", ["source raw.orders: freshness needs loaded_at_field"],
            Writes("models/src.yml", "sources:\n  - name: raw\n    freshness: {warn_after: {count: 1, period: hour}}\n    tables:\n      - name: orders\n")),
        ["freshness with an unknown period"] = Refused("compile --offline", ["warn_after.period must be minute, hour or day (got 'week')"],
            Writes("models/src.yml", "sources:\n  - name: raw\n    loaded_at_field: at\n    freshness: {warn_after: {count: 1, period: week}}\n    tables:\n      - name: orders\n")),
        ["freshness selecting a model"] = Refused("source freshness -s keep", ["source freshness selects sources"], Nothing),

        // Seeds
        ["seed with an unterminated quote"] = Refused("seed", ["seeds/people.csv:3:", "a quote opened here is never closed"], Writes("seeds/people.csv", "id,name\n1,\"ok\"\n2,\"broken\n3,fine\n")),
        ["seed row with an extra field"] = Refused("seed", ["seeds/people.csv:3:", "3 field(s) where the header has 2"], Writes("seeds/people.csv", "id,name\n1,ann\n2,bob,extra\n")),
        ["seed row with a missing field"] = Refused("seed", ["seeds/people.csv:3:", "1 field(s) where the header has 2"], Writes("seeds/people.csv", "id,name\n1,ann\n2\n")),
        ["seed text after a closing quote"] = Refused("seed", ["seeds/people.csv:2:", "text after a closing quote"], Writes("seeds/people.csv", "id,name\n1,\"ann\"x\n")),
        ["seed saved as Latin-1"] = Refused("seed", ["seeds/people.csv:2:", "UTF-8"], p => File.WriteAllBytes(Path.Combine(p.Root, "seeds", "people.csv"), Encoding.Latin1.GetBytes("id,name\n1,josé\n"))),

        // Command lines
        ["threads 0"] = Refused("run --threads 0", ["--threads must be 1 or more (got 0)"], Nothing),
        ["negative threads"] = Refused("run --threads -3", ["--threads must be 1 or more (got -3)"], Nothing),
        ["threads not a number"] = Refused("run --threads many", ["--threads takes a whole number (got 'many')"], Nothing),
        ["selector without a value"] = Refused("run -s tag:", ["the selector 'tag:' has no value"], Nothing),
        ["config selector without a value"] = Refused("ls -s config.materialized:", ["has no value", "(e.g. config.materialized:incremental)"], Nothing),
        ["source selector without a value"] = Refused("ls -s source:", ["has no value after 'source:' (e.g. source:atomic.events)"], Nothing),
        ["unknown selector method"] = Refused("run -s colour:red", ["colour"], Nothing),
        ["unknown option"] = Refused("run --no-such-option", ["--no-such-option"], Nothing),
        ["unknown command"] = Refused("rnu", ["rnu"], Nothing),
        ["a package's list var given as text"] = Refused("run", ["models.yml:4: error: vars: 'ids' is a list in package pkg", "write a list, e.g. [7]"],
            p => p.Write("models/pkg/package.yml", "name: pkg\nvars: {ids: [1]}\n").Write("models/pkg/ids.sql", "select 1 as id")
                .Write("models.yml", "name: testproj\nprofile: test\nvars:\n  ids: 7\nseed-paths: [seeds]\n")),
        ["a unit test overriding a macro that does not exist"] = Refused("test --unit", ["models/keep.yml:6: error: unit test 't' overrides 'no_such_macro', which is not a macro"],
            Writes("models/keep.yml", "unit_tests:\n  - name: t\n    model: keep\n    given: []\n    overrides:\n      macros: {no_such_macro: 1}\n    expect: {rows: []}\n")),
        ["a unit test's CSV row of too many fields"] = Refused("test --unit", ["models/inc.yml:9: error: input ref('keep') of unit test 't': CSV row 1 has 3 fields"],
            p => p.Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'fail' }}select id, 'x' as label from {{ ref 'keep' }}")
                .Write("models/inc.yml", "unit_tests:\n  - name: t\n    model: inc\n    given:\n      - input: ref('keep')\n        format: csv\n        rows: |\n          id\n          1,2,3\n    expect: {rows: []}\n")),
        ["a path list holding a list"] = Refused("run", ["models.yml:3: error: 'model-paths' must be a list of texts, not hold [models]"],
            Writes("models.yml", "name: testproj\nprofile: test\nmodel-paths: [[models]]\nseed-paths: [seeds]\n")),
        ["a misspelt key of a source table"] = Refused("run", ["models/src.yml:5: error: source table 'raw.events': unknown key 'identifer'. Did you mean 'identifier'?"],
            Writes("models/src.yml", "sources:\n  - name: raw\n    tables:\n      - name: events\n        identifer: atomic_events\n")),
        ["a misspelt data_tests of a column"] = Refused("run", ["models/keep.yml:5: error: column 'id' of 'keep': unknown key 'data_test'. Did you mean 'data_tests'?"],
            Writes("models/keep.yml", "models:\n  - name: keep\n    columns:\n      - name: id\n        data_test: [not_null]\n")),
        ["a config key beside a model's name in a property file"] = Refused("run", ["models/keep.yml:3: error: 'keep': 'materialized' is a config: write it under config: (materialized: …)"],
            Writes("models/keep.yml", "models:\n  - name: keep\n    materialized: view\n")),
        ["a clean target that holds the models"] = Refused("clean", ["models.yml: error: clean-targets: not deleting 'models': it holds the project's models"],
            Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\nclean-targets: [target, models]\n")),
        ["a test's where that is a list"] = Refused("run", ["models/keep.yml:6: error: where of a test takes one value (text), not [1]"],
            Writes("models/keep.yml", "models:\n  - name: keep\n    columns:\n      - name: id\n        data_tests:\n          - not_null: {config: {where: [1]}}\n")),
        ["--vars that is not YAML"] = Refused("run --vars {a:", ["--vars"], Nothing),
        ["--vars that is not a mapping"] = Refused("run --vars [1,2]", ["--vars"], Nothing),
        ["run-operation of an unknown macro"] = Refused("run-operation drop_cpy", ["unknown macro 'drop_cpy'", "Did you mean 'drop_copy'"], Nothing),
        ["run-operation without a needed argument"] = Refused("run-operation drop_copy", ["macro 'drop_copy' needs 'copy' in --args"], Nothing),
        ["run-operation with an argument the macro lacks"] = new(["run-operation", "drop_copy", "--args", "{copy: x, table: y}"], 2, ["macro 'drop_copy' has no parameter 'table'"], Nothing),
        ["run-operation with --args that are not a mapping"] = Refused("run-operation drop_copy --args [x]", ["--args must be a YAML or JSON mapping"], Nothing),
        ["more events than the disk holds"] = Refused("events generate --events 9000000000000000", ["generating 9,000,000,000,000,000 events needs about", "generate fewer (--events)"], Nothing),
        ["impossible --end-date"] = Refused("events generate --end-date 2025-13-45", ["--end-date takes a day as YYYY-MM-DD, e.g. 2025-01-01 (got '2025-13-45')"], Nothing),
        ["events load of a missing file"] = Refused("events load --format tsv in/none.tsv", ["in/none.tsv"], Nothing),
        ["events load of an unknown format"] = Refused("events load --format xml in/a.xml", ["xml"], Writes("in/a.xml", "<a/>")),
        ["keyhole start without an end"] = Refused("run --event-time-start 2024-01-01", ["a keyhole backfill takes both --event-time-start and --event-time-end"], Nothing),
        ["keyhole window that ends before it starts"] = Refused("run --event-time-start 2024-01-02 --event-time-end 2024-01-01", ["--event-time-end (2024-01-01) must come after --event-time-start (2024-01-02)"], Nothing),
        ["keyhole time that is no time"] = Refused("run --event-time-start yesterday --event-time-end 2024-01-01", ["--event-time-start takes a time as YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS], UTC (got 'yesterday')"], Nothing),
        ["keyhole with --full-refresh"] = Refused("run --full-refresh --event-time-start 2024-01-01 --event-time-end 2024-01-02", ["cannot be a --full-refresh"], Nothing),
        ["keyhole that is not true or false"] = Refused("compile --offline", ["models/a.sql:1:", "keyhole must be true or false (got 'sometimes')"],
            Writes("models/a.sql", "{{ config materialized: 'incremental' keyhole: 'sometimes' }}select 1 as id")),
        ["event_time that is not a column"] = Refused("compile --offline", ["models/a.sql:1:", "event_time names one column"],
            Writes("models/a.sql", "{{ config materialized: 'incremental' event_time: ['a', 'b'] }}select 1 as id")),
        ["run_scoped that is not true or false"] = Refused("compile --offline", ["models/a.sql:1:", "run_scoped must be true or false (got 'often')"],
            Writes("models/a.sql", "{{ config materialized: 'table' run_scoped: 'often' }}select 1 as id")),
        ["run_scoped on a view"] = Refused("compile --offline", ["models/a.sql:1:", "run_scoped applies to tables only (this model is materialized as view)"],
            Writes("models/a.sql", "{{ config materialized: 'view' run_scoped: true }}select 1 as id")),
        ["run_scoped with a database"] = Refused("compile --offline", ["models/a.sql:1:", "run_scoped and database cannot both be set"],
            Writes("models/a.sql", "{{ config materialized: 'table' run_scoped: true database: 'other' }}select 1 as id")),
        ["view reading a run-scoped table"] = Refused("compile --offline", ["models/v.sql:1:", "view 'v' reads 'scr', which is run_scoped", "[v]"],
            p => p.Write("models/scr.sql", "{{ config materialized: 'table' run_scoped: true }}select 1 as id").Write("models/v.sql", "{{ config materialized: 'view' }}select * from {{ ref 'scr' }}")),
        ["show of a run-scoped model"] = Refused("show --select scr", ["'scr' is run_scoped", "show a model built from it"],
            Writes("models/scr.sql", "{{ config materialized: 'table' run_scoped: true }}select 1 as id")),
        ["inline show reading a run-scoped model"] = new(["show", "--inline", "select * from {{ ref 'scr' }}"], 2, ["the inline query reads 'scr', which is run_scoped"],
            Writes("models/scr.sql", "{{ config materialized: 'table' run_scoped: true }}select 1 as id")),
        ["DuckDB file named like the run-scoped catalog"] = Refused("run", ["is named modelrunner_run", "rename the file"],
            Writes("profiles/profiles.yml", Profiles.Replace("db/test.duckdb", "db/modelrunner_run.duckdb"))),
        ["erase_sources that is not true or false"] = Refused("erase --user ann", ["erase_sources of target 'dev' must be true or false (got 'maybe')"],
            Writes("profiles/profiles.yml", Profiles.Replace("schema: main\n", "schema: main\n      erase_sources: maybe\n"))),
        ["retry over a run_results.json it cannot read"] = Refused("retry", ["run_results.json: not a run_results.json this program can read"],
            Writes("target/run_results.json", "{\"args\": {\"invocation\": [\"run\"]}}")),
        ["erase without a user"] = Refused("erase", ["erase needs at least one --user ID"], Nothing),
        ["erase of a blank user"] = new(["erase", "--user", " "], 2, ["erase needs at least one --user ID"], Nothing),
        ["docs serve before docs generate"] = Refused("docs serve --port 8123", ["there is no target/index.html to serve: run 'modelrunner docs generate' first"], Nothing),
        ["docs serve on a port that is none"] = Refused("docs serve --port 70000", ["--port takes a port number from 1 to 65535, not 70000"], Nothing),
        ["docs serve on a port that is not a number"] = Refused("docs serve --port many", ["many"], Nothing),
        ["docs generate over a run_results.json it cannot read"] = Refused("docs generate", ["run_results.json: not a run_results.json this program can read"],
            Writes("target/run_results.json", "{\"results\": [{\"status\": 1}]")),

        // Failures while running: the node named, exit 1, what it would have replaced kept
        ["a model whose SQL fails"] = Failed("run", ["model 'keep'", "models/keep.sql", "no_such_table"], Writes("models/keep.sql", "{{ config materialized: 'table' }}select * from no_such_table")),
        ["a table whose query fails half way"] = Failed("run", ["model 'keep'", "Could not convert string 'x0'"], Writes("models/keep.sql", "{{ config materialized: 'table' }}select cast('x' || range as integer) as id from range(3)")),
        ["an incremental model whose columns changed (on_schema_change: fail)"] = Failed("run", ["model 'inc'", "on_schema_change: fail", "added [extra]"],
            Writes("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'fail' }}select range as id, 'x' as label, 1 as extra from range(2)")),
        ["a merge whose new rows repeat a key the table holds"] = Failed("run", ["model 'inc'", "the new rows repeat unique_key id = 1 (2 rows)"],
            Writes("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' on_schema_change: 'fail' }}select 1 as id, label from (values ('y'), ('z')) as v(label)")),
        ["an on-run-end hook that does not parse"] = Refused("run", ["models.yml (on-run-end[0]):1:", "Expecting an <expression>"],
            Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\non-run-end: [\"{{ 1 + }}\"]\n")),
        ["a failing on-run-start hook"] = Failed("run", ["models.yml on-run-start[0] failed", "no_such_table"], Writes("models.yml", "name: testproj\nprofile: test\nseed-paths: [seeds]\non-run-start: [\"select * from main.no_such_table\"]\n")),
        ["a failing pre-hook"] = Failed("run", ["model 'keep'", "no_such_table"], Writes("models/keep.sql", "{{ config materialized: 'table' pre_hook: 'select * from main.no_such_table' }}select range as id from range(3)")),
        ["a failing inline show"] = new(["show", "--inline", "select * from nowhere"], 1, ["nowhere"], Nothing),
        ["workflow export into a path that is a file"] = Refused("workflow export --target dbx --output models/keep.sql/out",
            ["--output models/keep.sql/out:", "models/keep.sql is a file; give a folder to write into"],
            Writes("profiles/profiles.yml", Profiles + "    dbx:\n      type: databricks\n      host: x.cloud.databricks.com\n      http_path: /sql/1.0/warehouses/0\n      catalog: main\n      schema: s\n      token: t\n")),
        ["a number option given a word"] = Refused("events generate --seed abc", ["Cannot parse argument 'abc' for option '--seed' as a whole number"], Nothing),
        ["show with a negative limit other than -1"] = new(["show", "--inline", "select 1", "--limit", "-2"], 2, ["--limit takes a number of rows, or -1 for every row (got -2)"], Nothing),
        ["show with a limit that is not a number"] = new(["show", "--inline", "select 1", "--limit", "many"], 2, ["Cannot parse argument 'many' for option '--limit'"], Nothing),
        ["show of an empty inline query"] = new(["show", "--inline", " "], 2, ["--inline needs a query"], Nothing),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Is_answered_with_its_exit_code_and_message_and_leaves_the_database_as_it_was(string name)
    {
        var bad = Cases[name];
        using var project = TempProject.CopyOf(built.Project);
        var before = Fingerprint(project.DatabasePath);
        bad.Break(project);
        var result = project.Cli(bad.Command);
        Assert.True(result.ExitCode == bad.ExitCode, $"{name}: exit {result.ExitCode}, expected {bad.ExitCode}\n{result.All}");
        foreach (var text in bad.Expected) Assert.True(result.All.Contains(text, StringComparison.Ordinal), $"{name}: '{text}' is not in\n{result.All}");
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Exception", result.All);
        Assert.Equal(before, Fingerprint(project.DatabasePath));
    }

    /// <summary>Every table and view with its row count and a hash of every value, read without opening the project.</summary>
    private static string Fingerprint(string databasePath)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var relations = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "select table_schema || '.' || table_name from information_schema.tables where table_catalog = current_database() order by 1";
            using var reader = list.ExecuteReader();
            while (reader.Read()) relations.Add(reader.GetString(0));
        }
        var lines = new StringBuilder();
        foreach (var relation in relations)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select count(*), coalesce(sum(hash(*columns(*))), 0)::varchar from {relation}";
            using var reader = command.ExecuteReader();
            reader.Read();
            lines.AppendLine($"{relation} {reader.GetValue(0)} {reader.GetValue(1)}");
        }
        return lines.ToString();
    }
}
