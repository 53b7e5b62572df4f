using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>
/// A small history with the awkward cases: ties on start and on duration, running actions (no end, no success),
/// null server/stack/target, mixed-case and non-ASCII users, sub-microsecond ticks (stored truncated).
/// </summary>
internal static class SampleActions
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static IReadOnlyList<ActionRecord> Build() =>
    [
        Record("alice", ActionTypes.ContainerRestart, "web-01", "shop", "shop-web-1", 0, 2, true),
        Record("Bob", ActionTypes.ContainerStop, "web-01", null, "nginx", 10, 5, false),
        Record("alice", "stack.deploy", "db-01", "shop", null, 10, 30, true),
        Record("carol", ActionTypes.CommandRun, null, null, null, 20, null, null),
        Record("alice", ActionTypes.ContainerStart, "db-01", "billing", "billing-db", 30, 0.5, true),
        Record("Bob", "stack.deploy", "web-02", "billing", null, 40, 30, false),
        Record("carol", ActionTypes.ContainerRestart, "web-01", "shop", "shop-web-2", 50, null, null),
        Record("dave", ActionTypes.CommandRun, "web-02", null, "ls", 60, 1.25, true),
        Record("Émile", ActionTypes.ContainerRemove, "db-01", "shop", "x", 70, 2, false),
        Record("alice", ActionTypes.ContainerRestart, "web-02", "billing", "b", 80, 0.000001, true),
    ];

    private static ActionRecord Record(string user, string type, string? server, string? stack, string? target,
        int startSeconds, double? durationSeconds, bool? success)
    {
        var start = T0.AddSeconds(startSeconds);
        return new ActionRecord
        {
            Start = start,
            End = durationSeconds is { } d ? start.AddTicks((long)Math.Round(d * TimeSpan.TicksPerSecond)) : null,
            User = user,
            Type = type,
            Server = server,
            Stack = stack,
            Target = target,
            Parameters = new Dictionary<string, string> { ["n"] = startSeconds.ToString() },
            Success = success,
            Output = success is null ? "" : $"output of {type}",
            Error = success == false ? "it failed" : null,
            Result = success == true ? new Dictionary<string, string> { ["exit"] = "0" } : new Dictionary<string, string>(),
        };
    }
}
