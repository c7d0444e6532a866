using System.Globalization;

namespace ModelRunner.Core.Templating;

/// <summary><c>env_var "NAME"</c> / <c>env_var "NAME" "default"</c>, shared by templates and profiles.yml.</summary>
public static class EnvironmentFunctions
{
    public static TemplateFunction EnvVar(IReadOnlyDictionary<string, string> environment) =>
        new(TemplateGlobals.EnvVar, 1, 2, (_, args) =>
        {
            var name = Convert.ToString(args[0], CultureInfo.InvariantCulture) ?? "";
            if (environment.TryGetValue(name, out var value)) return value;
            if (args.Count > 1) return args[1];
            throw new TemplateFunctionException($"environment variable '{name}' is not set and no default was given");
        });
}
