using System.CommandLine;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner debug`: check the project, the profile and the connection, saying exactly what is wrong.</summary>
public static class DebugCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("debug", "Check project, profile and connection");
        command.SetAction(parse =>
        {
            var output = context.Output;
            Workspace workspace;
            try
            {
                workspace = Workspace.Open(CommonOptions.Workspace(parse, context), context.Engines);
            }
            catch (ProjectException e)
            {
                output.WriteLine("project and profile: ERROR");
                foreach (var d in e.Diagnostics) output.WriteLine("  " + d);
                return ExitCodes.UsageOrProjectError;
            }
            var project = workspace.Project;
            output.WriteLine($"project: {project.Settings.Name} ({project.RootDirectory})");
            output.WriteLine($"  models: {project.Nodes.Count(n => n.Kind == Core.Project.NodeKind.Model)}, seeds: {project.Nodes.Count(n => n.Kind == Core.Project.NodeKind.Seed)}, "
                + $"sources: {project.Sources.Sum(s => s.Tables.Length)}, macros: {project.Macros.Macros.Count}");
            output.WriteLine($"profile: {workspace.Target.Profile} ({workspace.Target.ProfilesFile})");
            output.WriteLine($"  target: {workspace.Target.Name}, type: {workspace.Target.Type}, schema: {workspace.Target.Schema}, threads: {workspace.Target.Threads}");
            output.WriteLine($"  capabilities: {workspace.EngineFactory.Capabilities.Describe()}");
            foreach (var w in workspace.Warnings) output.WriteLine("  warning: " + w.AsWarning());
            try
            {
                using var engine = workspace.Connect(readOnly: true);
                using var session = engine.OpenSession();
                session.Query("select 1");
                output.WriteLine("connection: OK");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is EngineException or ProjectException or DatabaseBusyException)
            {
                output.WriteLine($"connection: ERROR {e.Message}");
                return ExitCodes.UsageOrProjectError;
            }
        });
        return command;
    }
}
