using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>What the agent keeps on disk per app (work_dir/apps/NAME/state.json, mode 0600 because the spec carries
/// secret env values), so a restarted agent re-adopts the running process by PID + start time instead of starting
/// a second one.</summary>
internal sealed class AppState
{
    public required AppSpec Spec { get; set; }
    public bool DesiredRunning { get; set; }
    public string State { get; set; } = "stopped";
    public int? Pid { get; set; }
    public ulong? StartTicks { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public int Restarts { get; set; }
    /// <summary>Failed runs in a row (for the backoff); reset when a run lasted long enough.</summary>
    public int FailuresInARow { get; set; }
    public string? LastExit { get; set; }
    public int OomKills { get; set; }
    /// <summary>The cgroup's oom_kill counter when the current run started.</summary>
    public int OomBaseline { get; set; }
}
