using System.CommandLine;
using ModelRunner.Core.Project;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner clean`: delete the target path (compiled SQL and artifacts).</summary>
public static class CleanCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("clean", "Delete the target path (compiled SQL, run statements, artifacts)");
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(CommonOptions.ProjectDir) ?? ".");
            var settings = ProjectFileReader.Read(root).Settings;
            var target = Path.GetFullPath(Path.Combine(root, settings.TargetPath));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                context.Error.WriteLine($"error: target-path '{settings.TargetPath}' is outside the project; not deleting it");
                return ExitCodes.UsageOrProjectError;
            }
            // Not under a running build: its lock lives in the target path (RunLock.AcquireAll names the holder).
            var locks = Core.Running.RunLock.AcquireAll(target);
            try
            {
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            }
            finally
            {
                foreach (var held in locks) held.Dispose();
            }
            context.Output.WriteLine($"Cleaned {settings.TargetPath}/");
            return ExitCodes.Success;
        });
        return command;
    }
}
