using System.CommandLine;
using ModelRunner.Core.Project;

namespace ModelRunner.Cli.Commands;

/// <summary>`modelrunner clean`: delete the clean-targets of models.yml, the target path by default (compiled SQL and artifacts).</summary>
public static class CleanCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("clean", "Delete the clean-targets of models.yml (default: the target path: compiled SQL, run statements, artifacts)");
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(CommonOptions.ProjectDir) ?? ".");
            var settings = ProjectFileReader.Read(root).Settings;
            // Every path is checked before any is deleted: one that holds the project's own files refuses the whole clean.
            var sources = settings.ModelPaths.AddRange(settings.MacroPaths).AddRange(settings.SeedPaths).AddRange(settings.TestPaths)
                .Select(p => Path.GetFullPath(Path.Combine(root, p))).ToList();
            var paths = settings.PathsToClean.Select(p => (Given: p, Full: Path.GetFullPath(Path.Combine(root, p)))).ToList();
            foreach (var (path, full) in paths)
            {
                var why = !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "it is outside the project (or the project itself)"
                    : sources.FirstOrDefault(s => s == full || s.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal)) is { } source
                        ? $"it holds the project's {Path.GetRelativePath(root, source)}" : null;
                if (why is not null)
                {
                    context.Error.WriteLine($"{ProjectFileReader.FileName}: error: clean-targets: not deleting '{path}': {why}");
                    return ExitCodes.UsageOrProjectError;
                }
            }
            var target = Path.GetFullPath(Path.Combine(root, settings.TargetPath));
            // Not under a running build: its lock lives in the target path (RunLock.AcquireAll names the holder).
            var locks = Core.Running.RunLock.AcquireAll(target);
            try
            {
                foreach (var (path, full) in paths)
                {
                    if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
                    else if (File.Exists(full)) File.Delete(full);
                    context.Output.WriteLine($"Cleaned {path.TrimEnd('/')}/");
                }
            }
            finally
            {
                foreach (var held in locks) held.Dispose();
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
