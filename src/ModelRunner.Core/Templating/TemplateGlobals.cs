namespace ModelRunner.Core.Templating;

/// <summary>The documented names of the template context; nothing else is visible to a template.</summary>
public static class TemplateGlobals
{
    public const string Ref = "ref";
    public const string Source = "source";
    public const string Var = "var";
    public const string This = "this";
    public const string IsIncremental = "is_incremental";
    /// <summary>True in a run with --empty, where refs and sources are queries returning no rows (dbt's flags.EMPTY).</summary>
    public const string IsEmpty = "is_empty";
    /// <summary>A keyhole run's window (--event-time-start / --event-time-end) as 'yyyy-MM-dd HH:mm:ss' texts; null otherwise.</summary>
    public const string EventTimeStart = "event_time_start";
    public const string EventTimeEnd = "event_time_end";
    public const string Target = "target";
    public const string EnvVar = "env_var";
    public const string RunStartedAt = "run_started_at";
    public const string Config = "config";
    public const string Model = "model";
    /// <summary>The names of the enabled models carrying a tag (what dbt templates read from `graph`).</summary>
    public const string ModelsTagged = "models_tagged";
    /// <summary>In on-run-end hooks: the outcome of each node of the run (dbt's `results`).</summary>
    public const string Results = "results";
    /// <summary>Fails the render with a message, at the call's file:line:col (dbt's exceptions.raise_compiler_error).</summary>
    public const string RaiseError = "raise_error";

    /// <summary>Scriban's own built-in modules that templates may use (the rest are left out on purpose).</summary>
    public static readonly string[] BuiltinModules = { "array", "math", "object", "string", "regex", "empty", "blank" };
}
