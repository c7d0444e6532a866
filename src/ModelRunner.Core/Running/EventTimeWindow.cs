using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Running;

/// <summary>
/// A keyhole backfill's window (`--event-time-start` / `--event-time-end`, dbt's flags): [Start, End). Which models take
/// part is decided here, once: a model with <c>keyhole: true</c> restricts itself through the template globals
/// <c>event_time_start</c> / <c>event_time_end</c> (the Snowplow packages, through their run limits); an incremental model
/// with <c>event_time</c> (dbt's microbatch config) reads its event_time inputs filtered to the window and has the
/// window's rows replaced. Every other model is left out, with the reason.
/// </summary>
public sealed record EventTimeWindow(DateTime Start, DateTime End)
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    public string StartText => Text(Start);
    public string EndText => Text(End);

    private static string Text(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The window the two options give, or null when neither is given; both or neither, start before end.</summary>
    public static EventTimeWindow? FromOptions(string? start, string? end)
    {
        if (start is null && end is null) return null;
        if (start is null || end is null)
            throw new ProjectException("a keyhole backfill takes both --event-time-start and --event-time-end (the window is [start, end))");
        var window = new EventTimeWindow(Parse(start, "--event-time-start"), Parse(end, "--event-time-end"));
        if (window.End <= window.Start)
            throw new ProjectException($"--event-time-end ({end}) must come after --event-time-start ({start})");
        return window;
    }

    private static DateTime Parse(string text, string option) =>
        DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Unspecified)
            : throw new ProjectException($"{option} takes a time as YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS], UTC (got '{text}')");

    /// <summary>The column an incremental model's window rows are replaced on, when it takes part through event_time.</summary>
    public static string? ReplacedOn(ProjectNode node) =>
        node.Kind == NodeKind.Model && node.Config.Keyhole != true && node.Config.Materialized == "incremental" ? node.Config.EventTime : null;

    /// <summary>Why a node is left out of a keyhole run, or null when it takes part.</summary>
    public static string? LeftOutBecause(ProjectNode node)
    {
        if (node.Kind != NodeKind.Model) return "only models take part in a keyhole run";
        if (node.Config.Keyhole is { } keyhole) return keyhole ? null : "keyhole: false";
        if (node.Config.EventTime is null) return "no event_time (nor keyhole: true) to restrict it to the window";
        return node.Config.Materialized == "incremental" ? null
            : $"a {node.Config.Materialized} with event_time would be rebuilt from the window alone; make it incremental";
    }

    /// <summary>The nodes that take part, and those left out with the reason.</summary>
    public static (ImmutableArray<ProjectNode> Taking, ImmutableArray<(ProjectNode Node, string Reason)> LeftOut) Split(IEnumerable<ProjectNode> nodes)
    {
        var taking = ImmutableArray.CreateBuilder<ProjectNode>();
        var leftOut = ImmutableArray.CreateBuilder<(ProjectNode, string)>();
        foreach (var node in nodes)
        {
            if (LeftOutBecause(node) is { } reason) leftOut.Add((node, reason));
            else taking.Add(node);
        }
        return (taking.ToImmutable(), leftOut.ToImmutable());
    }
}
