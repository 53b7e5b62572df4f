using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Pull: clone/fetch the stack's repo on a server (git.sync), then run the repo scripts in its root.</summary>
public static class RepoSyncStep
{
    public static async Task<GitSyncResult> RunAsync(IAgentClient client, StackConfig stack, string? commit, IProgress<StackOutput> output, CancellationToken ct)
    {
        var result = await SyncAsync(client, stack, commit, output, ct).ConfigureAwait(false);
        await ScriptStep.RunAsync(client, "repo-script", stack.Repo!.Scripts, result.Path, output, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Only the git.sync (no repo scripts): clone/fetch and check out the branch head or <paramref name="commit"/>.</summary>
    public static async Task<GitSyncResult> SyncAsync(IAgentClient client, StackConfig stack, string? commit, IProgress<StackOutput> output, CancellationToken ct)
    {
        var repo = stack.Repo ?? throw new OperationFailedException($"stack {stack.Name} has no [repo] to pull", "invalid_argument");
        var token = SecretSource.Read(repo.TokenEnv, repo.TokenFile, $"stack {stack.Name}: repo token");
        var sshKey = SecretSource.Read(repo.SshKeyEnv, repo.SshKeyFile, $"stack {stack.Name}: repo ssh key");
        var credentials = token is null && sshKey is null ? null : new GitCredentials(repo.Username, token, sshKey);
        output.Report(new StackOutput("pull", client.ServerName, "stdout", $"git sync {GitUrl.Redact(repo.Url)} ({commit ?? repo.Branch})"));
        var result = await client.RequestAsync(AgentMethods.GitSync,
            new GitSyncRequest(stack.Name, repo.Url, repo.Branch, commit, credentials, repo.SshKnownHosts), TimeSpan.FromMinutes(30), ct).ConfigureAwait(false);
        output.Report(new StackOutput("pull", client.ServerName, "stdout", $"{(result.Cloned ? "cloned" : "fetched")} {result.Branch} at {result.ShortCommit}: {result.Message}"));
        return result;
    }
}
