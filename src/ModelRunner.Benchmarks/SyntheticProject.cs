using System.Text;

namespace ModelRunner.Benchmarks;

/// <summary>
/// Writes a synthetic project of N models: a layered DAG (each model refs 1–3 models of earlier layers),
/// each with a config block and a macro call, deterministic for a given size.
/// </summary>
public static class SyntheticProject
{
    public static string Create(string directory, int models, string duckDbPath)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        Directory.CreateDirectory(Path.Combine(directory, "macros"));
        Directory.CreateDirectory(Path.Combine(directory, "profiles"));
        File.WriteAllText(Path.Combine(directory, "models.yml"), "name: bench\nprofile: bench\nvars:\n  multiplier: 3\n");
        File.WriteAllText(Path.Combine(directory, "profiles", "profiles.yml"),
            $"bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{duckDbPath}\"\n      schema: main\n      threads: 1\n");
        File.WriteAllText(Path.Combine(directory, "macros", "math.sql"),
            "{{ func duckdb__scaled(column)\n  ret column + ' * ' + (var 'multiplier')\nend\nfunc default__scaled(column)\n  ret column + ' * 3'\nend }}\n");
        var random = new Random(42);
        const int layerSize = 100;
        for (var i = 0; i < models; i++)
        {
            var layer = i / layerSize;
            var folder = Path.Combine(directory, "models", $"layer_{layer:D3}");
            Directory.CreateDirectory(folder);
            var sql = new StringBuilder();
            var materialized = (i % 10) switch { 0 => "table", 1 => "incremental", _ => "view" };
            sql.Append("{{ config materialized: \"").Append(materialized).Append("\" tags: [\"layer_").Append(layer).Append("\"]");
            if (materialized == "incremental") sql.Append(" unique_key: \"id\"");
            sql.Append(" }}\n");
            if (layer == 0)
            {
                sql.Append($"select i as id, {{{{ scaled \"i\" }}}} as value from range(0, 100) t(i)\n");
            }
            else
            {
                var refs = Enumerable.Range(0, 1 + random.Next(3))
                    .Select(_ => random.Next(Math.Max(0, (layer - 3) * layerSize), layer * layerSize)).Distinct().ToList();
                sql.Append("select m0.id, {{ scaled \"m0.value\" }} as value\nfrom {{ ref \"m").Append(refs[0]).Append("\" }} m0\n");
                for (var r = 1; r < refs.Count; r++)
                    sql.Append($"left join {{{{ ref \"m{refs[r]}\" }}}} m{r} on m{r}.id = m0.id\n");
                if (materialized == "incremental")
                    sql.Append("{{ if is_incremental }}where m0.id > (select coalesce(max(id), -1) from {{ this }}){{ end }}\n");
            }
            File.WriteAllText(Path.Combine(folder, $"m{i}.sql"), sql.ToString());
        }
        return directory;
    }
}
