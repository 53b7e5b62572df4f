namespace Monitor.Shared.Protocol;

/// <summary>stack.deploy_target: replace a stack's container on this server as one agent-side operation that finishes
/// or rolls back on its own, even when the console goes away. <see cref="Strategy"/>: replace (stop old, start new,
/// roll back to the old image on failure) or blue-green (new beside old, switch <see cref="Route"/> when healthy,
/// drain, remove old).</summary>
public sealed record TargetDeployRequest(
    ContainerRunSpec Spec,
    string Strategy,
    int StartTimeoutSeconds,
    int StableSeconds,
    int LogTail,
    int DrainSeconds,
    RouteSpec? Route);

/// <summary>A line of progress of a target deploy (step: run, wait, switch, drain, rollback).</summary>
public sealed record TargetDeployProgress(string Step, string Stream, string Text);

/// <summary>How a target deploy ended: <see cref="Ok"/> the new image runs; otherwise <see cref="RolledBack"/> says
/// whether the previous version serves (again).</summary>
public sealed record TargetDeployResult(
    bool Ok,
    bool RolledBack,
    string Container,
    string Image,
    string? PreviousImage,
    string Message,
    IReadOnlyList<string> LogTail);
