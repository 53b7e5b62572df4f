using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>The pipeline: pull → repo scripts → build (streamed) → tag → push → on each target pull, replace, wait,
/// roll back on failure → record. Targets are deployed in parallel.</summary>
public sealed class StackDeployer(ServerDirectory targets, StackDocuments documents, StackOperation operation, StackLocks locks, Func<RegistryTarget?> registry)
{
    public Task<GitSyncResult> PullAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct)
    {
        var server = SourceServer(stack);
        return operation.RunAsync(StackActionTypes.Pull, stack, server, new Dictionary<string, string> { ["branch"] = stack.Repo?.Branch ?? "" }, output, async log =>
        {
            await using var exclusive = await locks.AcquireAsync(stack.Name, operation.User, log, ct).ConfigureAwait(false);
            return await exclusive.RunAsync(async token =>
            {
                var client = await targets.ClientAsync(server, token).ConfigureAwait(false);
                var checkout = await RepoSyncStep.RunAsync(client, stack, null, log, token).ConfigureAwait(false);
                log.Result["commit"] = checkout.Commit;
                return (checkout, true, (string?)null);
            }).ConfigureAwait(false);
        }, ct);
    }

    public Task<BuildRecord> BuildAsync(StackConfig stack, StackRevision revision, IProgress<StackOutput>? output, CancellationToken ct)
    {
        if (stack.Build is null) throw new OperationFailedException($"stack {stack.Name} has no [build]; it uses a prebuilt image or compose, nothing to build", "invalid_argument");
        StackRules.Validate(stack);
        return operation.RunAsync(StackActionTypes.Build, stack, stack.Build.Server, Parameters(revision), output, async log =>
        {
            await using var exclusive = await locks.AcquireAsync(stack.Name, operation.User, log, ct).ConfigureAwait(false);
            return await exclusive.RunAsync(async token =>
            {
                var build = await BuildOnAsync(stack.Build.Server, stack, revision, registry(), log, token).ConfigureAwait(false);
                return (build, true, (string?)null);
            }).ConfigureAwait(false);
        }, ct);
    }

    public Task<StackDeployResult> DeployAsync(StackConfig stack, StackRevision revision, IProgress<StackOutput>? output, CancellationToken ct)
    {
        StackRules.ValidateDeployable(stack);
        var parameters = Parameters(revision);
        parameters["targets"] = string.Join(",", stack.Deploy!.Targets);
        return operation.RunAsync(StackActionTypes.Deploy, stack, stack.Build?.Server ?? stack.Deploy.Targets[0], parameters, output, async log =>
        {
            await using var exclusive = await locks.AcquireAsync(stack.Name, operation.User, log, ct).ConfigureAwait(false);
            var result = await exclusive.RunAsync(token => DeployCoreAsync(stack, revision, log, token)).ConfigureAwait(false) with { ActionId = log.Id };
            foreach (var target in result.Targets)
                log.Result[$"target.{target.Server}"] = target.Success ? "ok" : target.RolledBack ? "rolled back" : "failed";
            var failed = result.Targets.Where(t => !t.Success).Select(t => $"{t.Server}: {t.Message}").ToList();
            return (result, result.Success, failed.Count == 0 ? null : $"deploy of {stack.Name} failed on {failed.Count} of {result.Targets.Count} targets: {string.Join("; ", failed)}");
        }, ct);
    }

    private async Task<StackDeployResult> DeployCoreAsync(StackConfig stack, StackRevision revision, StackActionLog log, CancellationToken ct)
    {
        var servers = stack.Deploy!.Targets;
        if (stack.Compose is not null)
        {
            var composed = await ForEachTargetAsync(servers, async (client) => await ComposeStep.UpAsync(client, stack, log, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return new StackDeployResult(stack.Name, composed.All(t => t.Success), null, null, ComposeStep.Project(stack), composed, 0);
        }

        var reg = registry();
        if (stack.Build is not null && stack.Repo is { Remote: true })
        {
            // Remote repo: each target clones and builds the same version itself; nothing goes through the registry.
            // The branch head is resolved once (on the first target) so every target builds the same commit.
            if (revision.Commit is null)
            {
                var head = await RepoSyncStep.SyncAsync(await targets.ClientAsync(servers[0], ct).ConfigureAwait(false), stack, null, log, ct).ConfigureAwait(false);
                revision = StackRevision.At(head.Commit);
                log.Step("pull", $"every target builds {head.ShortCommit} (the head of {head.Branch})");
            }
            var claimed = await documents.ClaimNextVersionAsync(stack.Name, stack.Build.Version, revision.Commit ?? "", ct).ConfigureAwait(false);
            BuildRecord? last = null;
            var results = await ForEachTargetAsync(servers, async client =>
            {
                var built = await BuildOnAsync(client.ServerName, stack, revision, null, log, ct, claimed).ConfigureAwait(false);
                last = built;
                return await TargetDeployStep.RunAsync(client, stack, built.Image, built.Version, null, ImagePullMode.Skip, log, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await RecordRollbacksAsync(stack, results, ct).ConfigureAwait(false);
            return new StackDeployResult(stack.Name, results.All(t => t.Success), last?.Version, last?.Commit, last?.Image ?? "", results, 0);
        }

        string image; string? version = null; string? commit = null;
        if (stack.Build is not null)
        {
            var built = await BuildOnAsync(stack.Build.Server, stack, revision, reg, log, ct).ConfigureAwait(false);
            (image, version, commit) = (built.Image, built.Version, built.Commit);
        }
        else
        {
            var (repository, tag) = ImageReference.Split(stack.Image!);
            image = stack.UseLatest ? $"{repository}:latest" : $"{repository}:{tag}";
            log.Result["image"] = image;
        }
        var pull = stack.Build is null ? ImagePullMode.IfReachable : reg is not null ? ImagePullMode.Required : ImagePullMode.Skip;
        var deployed = await ForEachTargetAsync(servers, client => TargetDeployStep.RunAsync(client, stack, image, version, reg?.Auth, pull, log, ct)).ConfigureAwait(false);
        await RecordRollbacksAsync(stack, deployed, ct).ConfigureAwait(false);
        return new StackDeployResult(stack.Name, deployed.All(t => t.Success), version, commit, image, deployed, 0);
    }

    private async Task<BuildRecord> BuildOnAsync(string server, StackConfig stack, StackRevision revision, RegistryTarget? reg, StackActionLog log, CancellationToken ct, string? version = null)
    {
        var client = await targets.ClientAsync(server, ct).ConfigureAwait(false);
        var checkout = await RepoSyncStep.RunAsync(client, stack, revision.Commit, log, ct).ConfigureAwait(false);
        log.Result["commit"] = checkout.Commit;
        var build = await ImageBuildStep.RunAsync(client, stack, checkout, reg, documents, log, version, ct).ConfigureAwait(false);
        log.Result["version"] = build.Version;
        log.Result["image"] = build.Image;
        if (build.ImageId is not null) log.Result["image_id"] = build.ImageId;
        return build;
    }

    private async Task<IReadOnlyList<StackTargetResult>> ForEachTargetAsync(IReadOnlyList<string> servers, Func<Agents.IAgentClient, Task<StackTargetResult>> body)
    {
        var clients = new List<Agents.IAgentClient>();
        foreach (var server in servers) clients.Add(await targets.ClientAsync(server, CancellationToken.None).ConfigureAwait(false));
        return await Task.WhenAll(clients.Select(body)).ConfigureAwait(false);
    }

    private async Task RecordRollbacksAsync(StackConfig stack, IReadOnlyList<StackTargetResult> results, CancellationToken ct)
    {
        foreach (var target in results.Where(t => t.RolledBack || t.RollbackFailed))
            await operation.RecordDoneAsync(StackActionTypes.Rollback, stack.Name, target.Server, target.Container, target.RolledBack, target.Message,
                new Dictionary<string, string> { ["image"] = target.Image }, ct).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Parameters(StackRevision revision) =>
        revision.Commit is { } commit ? new() { ["commit"] = commit } : [];

    private static string SourceServer(StackConfig stack) =>
        stack.Build?.Server ?? stack.Deploy?.Targets.FirstOrDefault()
        ?? throw new OperationFailedException($"stack {stack.Name} has no build server or deploy target to pull on", "invalid_argument");
}
