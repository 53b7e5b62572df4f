using System.Globalization;
using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>The stack application service the CLI and the TUI share.</summary>
public sealed partial class StackService : IStackService
{
    private readonly ServerDirectory _targets;
    private readonly StackDocuments _documents;
    private readonly StackOperation _operation;
    private readonly StackDeployer _deployer;
    private readonly StackLifecycle _lifecycle;
    private readonly RegistryConfig? _registry;
    private readonly Routes.RouteService _routes;

    /// <summary>The stack service on the console's one server directory, recorder and stack locks (composition root).</summary>
    public StackService(IStateStore store, IAgentClientFactory agents, ServerDirectory directory, ActionRecorder recorder, StackLocks locks, RegistryConfig? registry)
    {
        _targets = directory; _registry = registry;
        foreach (var secret in StackSecrets.Registry(registry)) recorder.AddSecret(secret);
        _documents = new StackDocuments(store);
        _operation = new StackOperation(recorder);
        _deployer = new StackDeployer(directory, _documents, _operation, locks, () => RegistryTarget.From(_registry));
        _lifecycle = new StackLifecycle(directory, _operation);
        _routes = new Routes.RouteService(store, agents);
    }

    /// <summary>A stack service with its own directory, recorder and locks over <paramref name="store"/> (tests, tools).</summary>
    public StackService(IStateStore store, IAgentClientFactory agents, string user, RegistryConfig? registry)
        : this(store, agents, new ServerDirectory(store, agents), new ActionRecorder(store, user), new StackLocks(store), registry) { }

    public Task<IReadOnlyList<StackConfig>> ListAsync(CancellationToken ct = default) => _documents.ListStacksAsync(ct);

    public async Task<StackDetails> ShowAsync(string name, CancellationToken ct = default)
    {
        var stack = await GetAsync(name, ct).ConfigureAwait(false);
        var builds = await _documents.ListBuildsAsync(name, ct).ConfigureAwait(false);
        var containers = new List<StackContainerStatus>();
        foreach (var server in stack.Deploy?.Targets ?? [])
        {
            try
            {
                var client = await _targets.ClientAsync(server, ct).ConfigureAwait(false);
                if (stack.Compose is not null)
                {
                    var ps = await client.RequestAsync(AgentMethods.ComposePs, new ComposeRequest(ComposeStep.Project(stack)), ct: ct).ConfigureAwait(false);
                    containers.AddRange(ps.Services.Select(s => new StackContainerStatus(server, s.Container, s.Service, s.State, s.Image, null)));
                }
                else
                {
                    var details = await client.RequestAsync(AgentMethods.ContainerInspect, new ContainerRef(ContainerSpecFactory.ContainerName(stack, server)), ct: ct).ConfigureAwait(false);
                    containers.Add(new StackContainerStatus(server, details.Name, null, details.Health is null ? details.State : $"{details.State} ({details.Health})", details.Image, null));
                }
            }
            catch (AgentException ex)
            {
                containers.Add(new StackContainerStatus(server, ContainerSpecFactory.ContainerName(stack, server), null, "unknown", "", ex.Code == ErrorCodes.NotFound ? StackStates.NotDeployed : ex.Message));
            }
            catch (OperationFailedException ex)
            {
                containers.Add(new StackContainerStatus(server, ContainerSpecFactory.ContainerName(stack, server), null, "unknown", "", ex.Message));
            }
        }
        return new StackDetails(stack, builds.LastOrDefault(), containers);
    }

    public Task SaveAsync(StackConfig stack, CancellationToken ct = default)
    {
        StackRules.Validate(stack);
        return _documents.PutStackAsync(stack, ct);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => _documents.DeleteStackAsync(name, ct);

    public async Task<GitSyncResult> PullAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _deployer.PullAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public Task<BuildRecord> BuildAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        BuildAsync(name, StackRevision.BranchHead, output, ct);

    public async Task<BuildRecord> BuildAsync(string name, StackRevision revision, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _deployer.BuildAsync(await GetAsync(name, ct).ConfigureAwait(false), revision, output, ct).ConfigureAwait(false);

    public Task<StackDeployResult> DeployAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        DeployAsync(name, StackRevision.BranchHead, output, ct);

    public async Task<StackDeployResult> DeployAsync(string name, StackRevision revision, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _deployer.DeployAsync(await GetAsync(name, ct).ConfigureAwait(false), revision, output, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StackTargetResult>> StartAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _lifecycle.StartAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StackTargetResult>> StopAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _lifecycle.StopAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StackTargetResult>> RestartAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _lifecycle.RestartAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StackTargetResult>> RestartPullingAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _lifecycle.RestartPullingAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StackTargetResult>> RemoveAsync(string name, IProgress<StackOutput>? output = null, CancellationToken ct = default) =>
        await _lifecycle.RemoveAsync(await GetAsync(name, ct).ConfigureAwait(false), output, ct).ConfigureAwait(false);

    public async IAsyncEnumerable<IReadOnlyList<LogLine>> LogsAsync(string name, string? server = null, bool follow = false, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var stack = await GetAsync(name, ct).ConfigureAwait(false);
        if (stack.Compose is not null)
            throw new OperationFailedException($"stack {name} is a compose project; show its service containers with `monitor stack show {name}` and read one with `monitor logs SERVER CONTAINER`", "invalid_argument");
        var target = server ?? stack.Deploy?.Targets.FirstOrDefault() ?? throw new OperationFailedException($"stack {name} has no deploy targets", "invalid_argument");
        var client = await _targets.ClientAsync(target, ct).ConfigureAwait(false);
        var request = new LogStreamRequest(ContainerSpecFactory.ContainerName(stack, target), follow, stack.Deploy?.LogTail ?? 100);
        await using var stream = await client.OpenStreamAsync(AgentMethods.ContainerLogs, request, ct).ConfigureAwait(false);
        await foreach (var batch in stream.ReadAllAsync(ct).ConfigureAwait(false)) yield return batch.Lines;
    }

    public Task<IReadOnlyList<BuildRecord>> BuildsAsync(string name, CancellationToken ct = default) => _documents.ListBuildsAsync(name, ct);

    public async Task<SyncPlan> SyncAsync(MonitorConfig config, bool dryRun, bool prune = false, CancellationToken ct = default)
    {
        foreach (var stack in config.Stacks) StackRules.Validate(stack);
        var duplicate = config.Stacks.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new OperationFailedException($"monitor.toml declares stack {duplicate.Key} more than once; keep one", "invalid_argument");
        var servers = await _targets.ListAsync(ct).ConfigureAwait(false);
        var stacks = await _documents.ListStacksAsync(ct).ConfigureAwait(false);
        var changes = SyncPlanner.Plan(config, servers, stacks, prune);
        if (dryRun || !changes.Any(c => c.ChangesStore)) return new SyncPlan(changes, Applied: false);

        var parameters = new Dictionary<string, string> { ["changes"] = changes.Count(c => c.ChangesStore).ToString(CultureInfo.InvariantCulture) };
        var sync = new StackConfig { Name = "*" };
        await _operation.RunAsync(StackActionTypes.Sync, sync, null, parameters, null, async log =>
        {
            foreach (var change in changes.Where(c => c.ChangesStore))
            {
                log.Step("sync", change.ToString());
                switch (change.Area, change.Kind)
                {
                    case ("server", SyncChangeKind.Removed): await _targets.RemoveAsync(change.Name, ct).ConfigureAwait(false); break;
                    case ("server", _):
                        var wanted = config.Servers.First(s => s.Name == change.Name);
                        await _targets.UpsertAsync(wanted.Name, wanted.Url, wanted.Description, wanted.Tags, keepTlsPin: true, ct).ConfigureAwait(false);
                        break;
                    case ("stack", SyncChangeKind.Removed): await _documents.DeleteStackAsync(change.Name, ct).ConfigureAwait(false); break;
                    default: await _documents.PutStackAsync(config.Stacks.First(s => s.Name == change.Name), ct).ConfigureAwait(false); break;
                }
            }
            await _routes.PublishAsync(Routes.RouteService.Affected(stacks, config.Stacks, changes.Where(c => c.Area == "stack" && c.ChangesStore).Select(c => c.Name)), (server, line) => log.Step("routes", line, server), ct).ConfigureAwait(false);
            foreach (var kind in Enum.GetValues<SyncChangeKind>().Where(k => k != SyncChangeKind.Kept))
                log.Result[kind.ToString().ToLowerInvariant()] = changes.Count(c => c.Kind == kind).ToString(CultureInfo.InvariantCulture);
            return (true, true, (string?)null);
        }, ct).ConfigureAwait(false);
        return new SyncPlan(changes, Applied: true);
    }

    public async Task<StackDeployResult> DeployRegistryAsync(string server, IProgress<StackOutput>? output = null, CancellationToken ct = default)
    {
        var config = _registry ?? new RegistryConfig();
        var stack = new StackConfig
        {
            Name = "registry",
            Description = "image registry (monitor registry deploy)",
            Image = config.Image,
            Deploy = new StackDeployConfig
            {
                Targets = [server], ContainerName = config.ContainerName,
                Ports = [config.BindAddress is null ? $"{config.Port}:5000" : $"{config.BindAddress}:{config.Port}:5000"],
                Volumes = [$"{config.ContainerName}-data:/var/lib/registry"], Restart = "always",
            },
        };
        await SaveAsync(stack, ct).ConfigureAwait(false);
        var result = await _deployer.DeployAsync(stack, StackRevision.BranchHead, output, ct).ConfigureAwait(false);
        return result;
    }

    private async Task<StackConfig> GetAsync(string name, CancellationToken ct) =>
        await _documents.GetStackAsync(name, ct).ConfigureAwait(false)
        ?? throw new OperationFailedException($"stack '{name}' does not exist; list stacks with `monitor stack list`, or declare it in monitor.toml and run `monitor sync`", "not_found");
}
