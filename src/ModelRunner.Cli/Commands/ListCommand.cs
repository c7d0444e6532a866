using System.CommandLine;
using ModelRunner.Core.Json;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner ls`: list the selected nodes (names, paths, or JSON with config and dependencies).</summary>
public static class ListCommand
{
    private static readonly Option<string> Output = new("--output", "-o") { Description = "name (default), path or json", DefaultValueFactory = _ => "name" };
    private static readonly Option<string[]> ResourceType = new("--resource-type")
        { Description = "Only these kinds: model, seed, test, unit_test (default: all)", AllowMultipleArgumentsPerToken = true };

    public static Command Create(CliContext context)
    {
        Output.AcceptOnlyFromAmong("name", "path", "json");
        var command = new Command("ls", "List the nodes a selection matches");
        command.Aliases.Add("list");
        ResourceType.AcceptOnlyFromAmong("model", "seed", "test", "unit_test");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, Output, ResourceType }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var select = CommonOptions.Selected(parse, CommonOptions.Select);
            var exclude = CommonOptions.Selected(parse, CommonOptions.Exclude);
            var selected = workspace.Select(select, exclude);
            var kinds = parse.GetValue(ResourceType) is { Length: > 0 } k ? k.ToHashSet() : ["model", "seed", "test", "unit_test"];
            var nodes = selected.Where(n => kinds.Contains(n.Kind.ToString().ToLowerInvariant())).ToList();
            var (data, unit) = Core.Testing.TestSelector.Select(workspace.Project, selected, select, exclude);
            var tests = (kinds.Contains("test") ? data : []).Select(t => (t.UniqueId, t.Name, Type: "test", Path: t.File, DependsOn: t.DependsOn))
                .Concat((kinds.Contains("unit_test") ? unit : []).Select(u => (u.UniqueId, u.Name, Type: "unit_test", Path: u.File,
                    DependsOn: System.Collections.Immutable.ImmutableArray.Create(u.Model))))
                .ToList();
            if (nodes.Count + tests.Count == 0) context.Error.WriteLine("warning: nothing to do: the selection matched no nodes");
            foreach (var node in nodes)
            {
                context.Output.WriteLine(parse.GetValue(Output) switch
                {
                    "path" => node.RelativePath,
                    "json" => PlainJson.Serialize(new Dictionary<string, object?>
                    {
                        ["unique_id"] = node.UniqueId,
                        ["name"] = node.Name,
                        ["resource_type"] = node.Kind.ToString().ToLowerInvariant(),
                        ["original_file_path"] = node.RelativePath,
                        ["relation"] = workspace.Namer.RelationOf(node).ToString(),
                        ["config"] = node.Config.Values,
                        ["depends_on"] = workspace.Dag.Parents[node.Name],
                    }),
                    _ => node.Name,
                });
            }
            foreach (var test in tests)
            {
                context.Output.WriteLine(parse.GetValue(Output) switch
                {
                    "path" => test.Path,
                    "json" => PlainJson.Serialize(new Dictionary<string, object?>
                    {
                        ["unique_id"] = test.UniqueId, ["name"] = test.Name, ["resource_type"] = test.Type,
                        ["original_file_path"] = test.Path, ["depends_on"] = test.DependsOn,
                    }),
                    _ => test.Name,
                });
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
