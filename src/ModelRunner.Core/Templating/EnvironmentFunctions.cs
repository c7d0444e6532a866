using System.Globalization;

namespace ModelRunner.Core.Templating;

/// <summary><c>env_var "NAME"</c> / <c>env_var "NAME" "default"</c>, shared by templates and profiles.yml.</summary>
public static class EnvironmentFunctions
{
    /// <param name="allowSecrets">Profiles and hooks may read MODELRUNNER_SECRET_* variables; models may not.</param>
    public static TemplateFunction EnvVar(IReadOnlyDictionary<string, string> environment, bool allowSecrets = true) =>
        new(TemplateGlobals.EnvVar, 1, 2, (_, args) =>
        {
            var name = Convert.ToString(args[0], CultureInfo.InvariantCulture) ?? "";
            if (!allowSecrets && Diagnostics.SecretScrubber.IsSecret(name))
                throw new TemplateFunctionException($"'{name}' is a secret ({Diagnostics.SecretScrubber.Prefix}*): it may be read only in profiles and hooks, never in a model, whose SQL is written to target/ and shown");
            if (environment.TryGetValue(name, out var value)) return value;
            if (args.Count > 1) return args[1];
            throw new TemplateFunctionException($"environment variable '{name}' is not set and no default was given");
        });
}
