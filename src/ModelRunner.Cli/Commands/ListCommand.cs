using System.CommandLine;
using System.Text.Json;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner ls`: list the selected nodes (names, paths, or JSON with config and dependencies).</summary>
public static class ListCommand
{
    private static readonly Option<string> Output = new("--output", "-o") { Description = "name (default), path or json", DefaultValueFactory = _ => "name" };

    public static Command Create(CliContext context)
    {
        Output.AcceptOnlyFromAmong("name", "path", "json");
        var command = new Command("ls", "List the nodes a selection matches");
        command.Aliases.Add("list");
        foreach (var o in new Option[] { CommonOptions.Select, CommonOptions.Exclude, Output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            var nodes = workspace.Select(CommonOptions.Selected(parse, CommonOptions.Select), CommonOptions.Selected(parse, CommonOptions.Exclude));
            if (nodes.Length == 0) context.Error.WriteLine("warning: nothing to do: the selection matched no nodes");
            foreach (var node in nodes)
            {
                context.Output.WriteLine(parse.GetValue(Output) switch
                {
                    "path" => node.RelativePath,
                    "json" => JsonSerializer.Serialize(new
                    {
                        unique_id = node.UniqueId,
                        name = node.Name,
                        resource_type = node.Kind.ToString().ToLowerInvariant(),
                        original_file_path = node.RelativePath,
                        relation = workspace.Namer.RelationOf(node).ToString(),
                        config = node.Config.Values,
                        depends_on = workspace.Dag.Parents[node.Name],
                    }),
                    _ => node.Name,
                });
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
