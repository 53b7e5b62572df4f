using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Stacks: definitions in the store, the repo → build → registry → deploy pipeline, container operations on
/// every target. Every state-changing call is recorded in the history; output is reported live through
/// <c>output</c> so the CLI and the TUI show it as it happens. Failures throw OperationFailedException.</summary>
public interface IStackService
{
    Task<IReadOnlyList<StackConfig>> ListAsync(CancellationToken ct = default);
    Task<StackDetails> ShowAsync(string name, CancellationToken ct = default);
    /// <summary>Adds or replaces a stack definition (validated).</summary>
    Task SaveAsync(StackConfig stack, CancellationToken ct = default);
    Task<bool> DeleteAsync(string name, CancellationToken ct = default);

    Task<GitSyncResult> PullAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<BuildRecord> BuildAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) => BuildAsync(name, StackRevision.BranchHead, output, ct);
    /// <summary>Builds the next version from the branch head or from <paramref name="revision"/>'s commit.</summary>
    Task<BuildRecord> BuildAsync(string name, StackRevision revision, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<StackDeployResult> DeployAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) => DeployAsync(name, StackRevision.BranchHead, output, ct);
    /// <summary>Deploys the branch head or <paramref name="revision"/>'s commit (built stacks; others ignore it).</summary>
    Task<StackDeployResult> DeployAsync(string name, StackRevision revision, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<IReadOnlyList<StackTargetResult>> StartAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<IReadOnlyList<StackTargetResult>> StopAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<IReadOnlyList<StackTargetResult>> RestartAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    /// <summary>Restart with `--pull` (compose stacks): pull newer images, recreate only the services that changed.</summary>
    Task<IReadOnlyList<StackTargetResult>> RestartPullingAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    Task<IReadOnlyList<StackTargetResult>> RemoveAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default);
    /// <summary>The stack container's log on one target (default the first), tail per the stack's log_tail.</summary>
    IAsyncEnumerable<IReadOnlyList<LogLine>> LogsAsync(string name, string? server = null, bool follow = false, CancellationToken ct = default);

    Task<IReadOnlyList<BuildRecord>> BuildsAsync(string name, CancellationToken ct = default);

    /// <summary>The plan of applying monitor.toml's servers and stacks to the store; applies it unless <paramref name="dryRun"/>.
    /// What the file does not declare is removed only with <paramref name="prune"/>.</summary>
    Task<SyncPlan> SyncAsync(MonitorConfig config, bool dryRun, bool prune = false, CancellationToken ct = default);

    /// <summary>Runs the registry (a registry:2-compatible image) on a server as a stack of its own, named "registry".</summary>
    Task<StackDeployResult> DeployRegistryAsync(string server, IProgress<StackOutput>? output = null, CancellationToken ct = default);
}
